using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Com.Grains.RemoteSupport;
using Com.Silo.Devices;
using Com.Storage.RemoteSupport;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Checks proxy credentials against <c>com_proxy_accounts</c>. Failed attempts are counted per address and per user
/// name, and past either limit every attempt is refused until its minute ends, right or wrong, so guessing costs a
/// minute per few tries. A success is remembered briefly, since each tunnel signs in and the hash is slow on purpose.
/// </summary>
public sealed partial class ProxySignIn(ProxyAccountStore accounts, IOptions<ProxySettings> options, TimeProvider time, ILogger<ProxySignIn> logger)
{
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(2);

    private readonly ProxySettings settings = options.Value;
    private readonly AttemptLimiter failedByAddress = new(time);
    private readonly AttemptLimiter failedByAccount = new(time);
    private readonly ConcurrentDictionary<string, (ProxyAccount Account, DateTimeOffset Until)> recent = new();

    public enum Outcome
    {
        SignedIn,
        Rejected,
        Throttled,
    }

    public async Task<(Outcome Outcome, ProxyAccount? Account)> SignInAsync(BasicCredentials credentials, string address, CancellationToken ct)
    {
        var user = credentials.UserName.ToLowerInvariant();
        if (IsThrottled(failedByAddress, address, settings.FailedSignInsPerAddressPerMinute) || IsThrottled(failedByAccount, user, settings.FailedSignInsPerAccountPerMinute))
            return (Outcome.Throttled, null);
        var key = Key(credentials);
        var now = time.GetUtcNow();
        if (recent.TryGetValue(key, out var known) && known.Until > now)
            return (Outcome.SignedIn, known.Account);
        var account = await accounts.FindByUserAsync(credentials.UserName, ct);
        if (account?.PasswordHash is not { } hash || !ProxyPasswords.Verify(hash, credentials.Password))
        {
            failedByAddress.TryAttempt(address, int.MaxValue);
            failedByAccount.TryAttempt(user, int.MaxValue);
            LogRejected(credentials.UserName, address, account is null ? "no account has this user name" : "wrong password");
            return (Outcome.Rejected, null);
        }
        if (recent.Count > 10_000)
            recent.Clear();
        recent[key] = (account, now + Remembered);
        return (Outcome.SignedIn, account);
    }

    /// <summary>Forgets remembered sign-ins, so changed credentials count at once on this silo.</summary>
    public void Forget() => recent.Clear();

    private static bool IsThrottled(AttemptLimiter failures, string key, int perMinute) => failures.Count(key) >= perMinute;

    // The password only ever meets memory as part of a hash.
    private static string Key(BasicCredentials credentials) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credentials.UserName.ToLowerInvariant() + "\n" + credentials.Password)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy sign-in as {UserName} from {Address} refused: {Reason}")]
    private partial void LogRejected(string userName, string address, string reason);
}
