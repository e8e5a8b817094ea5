namespace Com.Grains.Interfaces.Accounts;

/// <summary>Every account's row, for the account list, fed by the user grains. Key: <see cref="Key"/>.</summary>
[Alias("com.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    public const string Key = "accounts";

    /// <summary>An account was created or changed.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(AccountView account);

    [Alias("Remove")]
    Task RemoveAsync(string login);

    /// <summary>The accounts <paramref name="actor"/> may manage: all for Administrators, their own Operators for Supervisors, none for others.</summary>
    [Alias("ListFor")]
    Task<AccountView[]> ListForAsync(Actor actor);
}

/// <summary>The security audit log, read by Administrators. Key: 0.</summary>
[Alias("com.ISecurityAuditGrain")]
public interface ISecurityAuditGrain : IGrainWithIntegerKey
{
    /// <summary>The newest events first; only for actors who may manage every account.</summary>
    /// <exception cref="AccountRejectedException">The actor may not read the audit log.</exception>
    [Alias("Read")]
    Task<SecurityEventView[]> ReadAsync(Actor actor, int skip, int take, string? account);
}

/// <summary>One audit line as the audit page shows it.</summary>
[GenerateSerializer, Immutable, Alias("com.SecurityEventView.v1")]
public sealed record SecurityEventView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Event,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Detail,
    [property: Id(5)] string Address);
