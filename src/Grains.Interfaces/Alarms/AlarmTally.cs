namespace Com.Grains.Interfaces.Alarms;

/// <summary>A customer's listed alarms counted by severity and by type, for the customer list and the dashboard.</summary>
[GenerateSerializer, Immutable, Alias("com.AlarmTally.v1")]
public sealed record AlarmTally(
    [property: Id(0)] int[] BySeverity,
    [property: Id(1)] int[] ByCategory,
    [property: Id(2)] int Ongoing)
{
    public static AlarmTally Empty { get; } = new(new int[AlarmKinds.Severities.Count], new int[AlarmKinds.Categories.Count], 0);

    public int Total => BySeverity.Sum();

    public int Of(AlarmSeverity severity) => BySeverity.ElementAtOrDefault((int)severity);

    public int Of(AlarmCategory category) => ByCategory.ElementAtOrDefault((int)category);

    public static AlarmTally Of(IEnumerable<AlarmRow> rows)
    {
        var severities = new int[AlarmKinds.Severities.Count];
        var categories = new int[AlarmKinds.Categories.Count];
        var ongoing = 0;
        foreach (var row in rows)
        {
            severities[(int)row.Severity]++;
            categories[(int)row.Key.Category]++;
            ongoing += row.Ongoing ? 1 : 0;
        }
        return new AlarmTally(severities, categories, ongoing);
    }

    public bool Equals(AlarmTally? other) =>
        other is not null && Ongoing == other.Ongoing && BySeverity.SequenceEqual(other.BySeverity) && ByCategory.SequenceEqual(other.ByCategory);

    public override int GetHashCode() => HashCode.Combine(Total, Ongoing);
}

/// <summary>What a clear request did: how many alarms went, and how many were kept because their system still raises them.</summary>
[GenerateSerializer, Immutable, Alias("com.AlarmClearResult.v1")]
public sealed record AlarmClearResult(
    [property: Id(0)] int Cleared,
    [property: Id(1)] int KeptOngoing);
