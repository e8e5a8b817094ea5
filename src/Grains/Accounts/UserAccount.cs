using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Accounts;

/// <summary>Persisted state of a user account. Only hashes of passwords are ever stored.</summary>
[GenerateSerializer, Alias("com.UserAccount.v1")]
public sealed class UserAccount
{
    [Id(0)]
    public string Login { get; set; } = "";

    [Id(1)]
    public Role Role { get; set; }

    [Id(2)]
    public string PasswordHash { get; set; } = "";

    [Id(3)]
    public bool Disabled { get; set; }

    [Id(4)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Every field but the role, which lives in <see cref="Role"/> for the accounts stored before details existed.</summary>
    [Id(5)]
    public AccountDetails? Details { get; set; }

    /// <summary>Login of the account that created this one; null for the first Administrator.</summary>
    [Id(6)]
    public string? CreatedBy { get; set; }

    /// <summary>Hashes of the previous passwords, newest first.</summary>
    [Id(7)]
    public List<string> PreviousPasswordHashes { get; set; } = [];

    /// <summary>Failed sign-ins within the lockout window, oldest first.</summary>
    [Id(8)]
    public List<DateTimeOffset> RecentFailures { get; set; } = [];

    [Id(9)]
    public DateTimeOffset? LockedUntil { get; set; }

    [Id(10)]
    public bool MustChangePassword { get; set; }

    /// <summary>Changes whenever open sessions must end: password, role, labels, disabled.</summary>
    [Id(11)]
    public string SecurityStamp { get; set; } = "";

    /// <summary>The profile picture as COM re-encoded it: a PNG of at most 256 × 256 pixels.</summary>
    [Id(12)]
    public byte[]? Avatar { get; set; }

    public AccountDetails CurrentDetails => (Details ?? new AccountDetails(Role)) with { Role = Role, Disabled = Disabled, ForceNewPassword = MustChangePassword };
}
