namespace Com.Grains.Interfaces.Accounts;

/// <summary>An account change was refused; <see cref="Reason"/> is a resource key for the message shown to the user.</summary>
[GenerateSerializer, Alias("com.AccountRejectedException")]
public sealed class AccountRejectedException : Exception
{
    public AccountRejectedException() { }

    public AccountRejectedException(string reason) : base(reason) => Reason = reason;

    public AccountRejectedException(string message, Exception innerException) : base(message, innerException) { }

    [Id(0)]
    public string Reason { get; init; } = "";
}
