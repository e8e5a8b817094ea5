namespace Com.DeviceProtocol;

/// <summary>Reason codes of a <c>refused</c> message, and error codes of an <c>error</c> message.</summary>
public static class RefusalReasons
{
    public const string ProtocolError = "protocol-error";
    public const string UnsupportedProtocol = "unsupported-protocol";
    public const string UnknownCustomer = "unknown-customer";
    public const string InvalidCredentials = "invalid-credentials";
    public const string AuthorisationFailed = "authorisation-failed";
    public const string NotPrimary = "not-primary";
    public const string AccountDisabled = "account-disabled";
    public const string AccountLocked = "account-locked";
    public const string AccountCurrentlyDisabled = "account-currently-disabled";
    public const string PasswordExpired = "password-expired";
    public const string MustChangePassword = "must-change-password";
    public const string TooManySessions = "too-many-sessions";
    public const string HelloFlood = "too-many-attempts";
    public const string FrameTooLarge = "frame-too-large";
    public const string HelloExpected = "hello-expected";
    public const string HelloTimeout = "hello-timeout";
    public const string Replaced = "replaced-by-newer-link";

    /// <summary>COM could not reach the customer's state right now (a silo is failing over); reconnect after a back-off.</summary>
    public const string TryAgainLater = "try-again-later";

    /// <summary>
    /// COM failed on this hello or message because of a fault in COM itself (logged for its operators), not a failover:
    /// sending it again at once will fail again, so reconnect with the growing back-off used for drops.
    /// </summary>
    public const string InternalError = "internal-error";

    public const string UnknownType = "unknown-type";
    public const string MalformedMessage = "malformed-message";
    public const string TunnelNotOpen = "tunnel-not-open";
}
