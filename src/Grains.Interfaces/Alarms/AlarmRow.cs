namespace Com.Grains.Interfaces.Alarms;

/// <summary>What makes two reports the same alarm (SPEC ALRM-2): the server, the type and the description.</summary>
[GenerateSerializer, Immutable, Alias("com.AlarmKey.v1")]
public sealed record AlarmKey(
    [property: Id(0)] string Server,
    [property: Id(1)] AlarmCategory Category,
    [property: Id(2)] string Description);

/// <summary>One distinct alarm of a customer system, with its first and last occurrence and how often it was raised.</summary>
[GenerateSerializer, Immutable, Alias("com.AlarmRow.v1")]
public sealed record AlarmRow(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] AlarmKey Key,
    [property: Id(2)] AlarmSeverity Severity,
    [property: Id(3)] DateTimeOffset FirstAt,
    [property: Id(4)] DateTimeOffset LastAt,
    [property: Id(5)] int Occurrences,
    [property: Id(6)] bool Ongoing);

/// <summary>An alarm as a system reports it (SPEC ALRM-1): raised while <see cref="Ongoing"/>, cleared otherwise.</summary>
[GenerateSerializer, Immutable, Alias("com.AlarmReport.v2")]
public sealed record AlarmReport(
    [property: Id(0)] AlarmKey Key,
    [property: Id(1)] AlarmSeverity Severity,
    [property: Id(2)] bool Ongoing);
