namespace Com.Storage.RemoteSupport;

/// <summary>Whose maintenance proxy account it is: customers name a reseller and a distributor (SPEC RS-1).</summary>
public enum ProxyAccountKind
{
    Reseller,
    Distributor,
}

/// <summary>
/// A maintenance proxy account. <paramref name="UserName"/> and <paramref name="PasswordHash"/> are null until a Supervisor
/// or Operator sets them; until then nobody can sign in to the proxy with it.
/// </summary>
public sealed record ProxyAccount(
    ProxyAccountKind Kind,
    string Name,
    string? UserName,
    string? PasswordHash,
    string? UpdatedBy,
    DateTimeOffset UpdatedAt)
{
    public bool HasCredentials => UserName is not null && PasswordHash is not null;

    /// <summary>How the audit and the logs name it: "reseller Acme".</summary>
    public string Label => $"{KindName(Kind)} {Name}";

    public static string KindName(ProxyAccountKind kind) => kind == ProxyAccountKind.Reseller ? "reseller" : "distributor";

    public static ProxyAccountKind? ParseKind(string? text) => text switch
    {
        "reseller" => ProxyAccountKind.Reseller,
        "distributor" => ProxyAccountKind.Distributor,
        _ => null,
    };
}
