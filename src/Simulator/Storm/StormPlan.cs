using System.Globalization;

namespace Com.Simulator;

/// <summary>The steps of an alarm storm, as <c>--alarm-storm "2000:30,0:10,5000:30"</c> gives them.</summary>
internal sealed class StormPlan
{
    // Far beyond what one process can send, yet small enough that a typo like 20000000 is caught.
    private const double MaxRate = 1_000_000;

    private StormPlan(IReadOnlyList<StormStep> steps) => Steps = steps;

    public IReadOnlyList<StormStep> Steps { get; }

    /// <exception cref="FormatException">The text is not a list of rate:seconds steps.</exception>
    public static StormPlan Parse(string text, int maxSeconds)
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = text.Split(',', StringSplitOptions.TrimEntries).Select(step => ParseStep(step, maxSeconds)).ToList();
        return new StormPlan(steps);
    }

    private static StormStep ParseStep(string step, int maxSeconds)
    {
        var parts = step.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
            throw new FormatException($"--alarm-storm steps are <alarms a second>:<seconds>, e.g. \"2000:30,0:10\"; '{step}' is not one.");
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !double.IsFinite(rate) || rate < 0 || rate > MaxRate)
            throw new FormatException($"--alarm-storm rate must be a number from 0 to {MaxRate:0}, not '{parts[0]}' in '{step}'.");
        if (!int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < 1 || seconds > maxSeconds)
            throw new FormatException($"--alarm-storm seconds must be a whole number from 1 to {maxSeconds}, not '{parts[1]}' in '{step}'.");
        return new StormStep(rate, seconds);
    }
}
