using System.Globalization;

namespace Com.WebFront;

/// <summary>Human-readable durations and sizes for tables and the terminal.</summary>
public static class Format
{
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays}d {span.Hours}h"),
        { TotalHours: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Hours}h {span.Minutes}m"),
        { TotalMinutes: >= 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.Seconds)}s"),
    };

    /// <summary>A moment in COM's own time zone, whatever zone the customer system is in (SPEC JOB-4).</summary>
    public static string Moment(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0} MB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 10):0} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}
