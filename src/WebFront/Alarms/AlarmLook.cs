using Com.Grains.Interfaces.Alarms;

namespace Com.WebFront.Alarms;

/// <summary>How severities look wherever alarms are shown: list chips and dashboard charts agree on colours.</summary>
public static class AlarmLook
{
    public static MudBlazor.Color Color(this AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Critical => MudBlazor.Color.Error,
        AlarmSeverity.Major => MudBlazor.Color.Warning,
        AlarmSeverity.Minor => MudBlazor.Color.Info,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>The same colours as CSS values, for charts.</summary>
    public static string Css(this AlarmSeverity severity) => severity switch
    {
        AlarmSeverity.Critical => "#d32f2f",
        AlarmSeverity.Major => "#f57c00",
        AlarmSeverity.Minor => "#0288d1",
        _ => "#9e9e9e",
    };
}
