namespace Com.Grains.Interfaces.RemoteSupport;

/// <summary>Whose maintenance proxy account it is: the reseller or the distributor a customer names (SPEC RS-1).</summary>
[GenerateSerializer, Alias("com.ProxyAccountOwner")]
public enum ProxyAccountOwner
{
    Reseller = 0,
    Distributor = 1,
}

/// <summary>
/// A maintenance proxy account as its page shows it. <see cref="SetBy"/> and <see cref="SetAt"/> say who last set the
/// credentials and when; all three are null until someone does. The password's hash never leaves the silo.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.ProxyAccountView.v1")]
public sealed record ProxyAccountView(
    [property: Id(0)] ProxyAccountOwner Owner,
    [property: Id(1)] string Name,
    [property: Id(2)] string? UserName,
    [property: Id(3)] string? SetBy,
    [property: Id(4)] DateTimeOffset? SetAt)
{
    public bool HasCredentials => UserName is not null;
}

/// <summary>
/// New credentials for the account of <paramref name="Owner"/> <paramref name="Name"/>. <paramref name="Replace"/> must be
/// true when the account has credentials already, so that a user who was shown "not set" never overwrites someone
/// else's without having confirmed it.
/// </summary>
[GenerateSerializer, Immutable, Alias("com.ProxyCredentials.v1")]
public sealed record ProxyCredentials(
    [property: Id(0)] ProxyAccountOwner Owner,
    [property: Id(1)] string Name,
    [property: Id(2)] string UserName,
    [property: Id(3)] string Password,
    [property: Id(4)] bool Replace)
{
    /// <summary>Keeps the password out of logs and exception messages that print the record.</summary>
    public override string ToString() => $"{Owner} {Name}, user name {UserName}";
}
