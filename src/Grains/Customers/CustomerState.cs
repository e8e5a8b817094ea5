using Com.Grains.Interfaces.Customers;

namespace Com.Grains.Customers;

/// <summary>What a customer grain persists: written when something changes, never per heartbeat.</summary>
[GenerateSerializer, Alias("com.CustomerState.v1")]
public sealed class CustomerState
{
    [Id(0)]
    public CustomerRecord? Record { get; set; }

    /// <summary>The service user's password, encrypted with the cluster's data-protection keys (COM must present it later, so no hash).</summary>
    [Id(1)]
    public string ProtectedPassword { get; set; } = "";

    [Id(2)]
    public NetworkReport? Network { get; set; }

    [Id(3)]
    public Connectivity? Connectivity { get; set; }

    [Id(4)]
    public DateTimeOffset? LastConnected { get; set; }

    [Id(5)]
    public DateTimeOffset? LastDisconnected { get; set; }

    /// <summary>The live link, so a reactivated grain can ask whether it is still open.</summary>
    [Id(6)]
    public IDeviceLink? Link { get; set; }

    [Id(7)]
    public Guid LinkId { get; set; }

    /// <summary>Silo holding the live link's socket.</summary>
    [Id(10)]
    public string LinkSilo { get; set; } = "";

    [Id(8)]
    public ServiceAccountReport? Account { get; set; }

    /// <summary>
    /// Counts the state's writes. Every directory row carries it, so the directory can refuse a row older than the one
    /// it holds: a duplicate activation that lingered during a failover may still be sending one (ADR 11).
    /// </summary>
    [Id(11)]
    public long Revision { get; set; }

    /// <summary>The system's action lock, when a job holds it (SPEC JOB-5); kept here so a silo's crash does not free it.</summary>
    [Id(12)]
    public ActionLease? RunningAction { get; set; }

    /// <summary>The latest action and how it stands, for the list's status icon (SPEC CUST-1).</summary>
    [Id(13)]
    public ActionStatus? LatestAction { get; set; }

    // Id 9 held the ongoing alarms' keys until alarms became rows of com_alarms; it is not reused.
}
