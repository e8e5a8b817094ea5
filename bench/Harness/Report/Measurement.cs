namespace Com.Harness;

/// <summary>One row of the results table: COM's values over the runs, and its baseline from the same run.</summary>
public sealed record Measurement(
    string Scenario,
    string Fleet,
    string Measure,
    string Unit,
    IReadOnlyList<double> Com,
    double? Baseline = null,
    string Target = "",
    bool? Met = null,
    string Note = "")
{
    public double Median => Statistics.Median(Com);

    /// <summary>COM's median over the baseline: how many times the bare floor COM costs.</summary>
    public double? Ratio => Baseline is > 0 && Com.Count > 0 ? Median / Baseline : null;
}
