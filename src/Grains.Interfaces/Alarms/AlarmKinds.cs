namespace Com.Grains.Interfaces.Alarms;

/// <summary>SPEC ALRM-1 severities, most severe first so that sorting ascending puts critical on top.</summary>
[GenerateSerializer, Alias("com.AlarmSeverity")]
public enum AlarmSeverity
{
    Critical = 0,
    Major = 1,
    Minor = 2,
    Warning = 3,
}

/// <summary>SPEC ALRM-1 alarm types.</summary>
[GenerateSerializer, Alias("com.AlarmCategory")]
public enum AlarmCategory
{
    Configuration = 0,
    Trunk = 1,
    Link = 2,
    Services = 3,
    Qos = 4,
    Security = 5,
}

public static class AlarmKinds
{
    public static IReadOnlyList<AlarmSeverity> Severities { get; } = Enum.GetValues<AlarmSeverity>();

    public static IReadOnlyList<AlarmCategory> Categories { get; } = Enum.GetValues<AlarmCategory>();
}
