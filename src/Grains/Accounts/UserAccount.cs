using Com.Grains.Interfaces.Accounts;

namespace Com.Grains.Accounts;

/// <summary>Persisted state of a user account. Only the password's hash is ever stored.</summary>
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
}
