namespace Com.Grains.Interfaces.Commands;

/// <summary>Which way a command's file moves.</summary>
public enum TransferKind
{
    Upload,
    Download,
}

/// <summary>
/// The answer to a device presenting a command's one-time token: <paramref name="Refusal"/> says why not, or the
/// transfer may go ahead for <paramref name="CustomerId"/>, with <paramref name="FileId"/> the file to send down.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.TransferGrant")]
public sealed record TransferGrant(
    [property: Id(0)] string? Refusal,
    [property: Id(1)] string CustomerId = "",
    [property: Id(2)] string FileName = "",
    [property: Id(3)] Guid? FileId = null)
{
    public bool Allowed => Refusal is null;

    public static TransferGrant Refused(string refusal) => new(refusal);
}
