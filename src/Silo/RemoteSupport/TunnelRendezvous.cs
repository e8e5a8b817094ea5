using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Security.Cryptography;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// Where a waiting client meets the system's dial-back, on this silo: the proxy registers a one-time token, the system
/// presents it on the maintenance port with its data connection (or with the reason it could not reach the target).
/// </summary>
public sealed class TunnelRendezvous
{
    private readonly ConcurrentDictionary<string, Pending> pending = new(StringComparer.Ordinal);

    public Pending Register()
    {
        while (true)
        {
            var entry = new Pending(Base64Url(RandomNumberGenerator.GetBytes(32)), this);
            if (pending.TryAdd(entry.Token, entry))
                return entry;
        }
    }

    /// <summary>The waiting client of <paramref name="token"/>; each token is taken once.</summary>
    public Pending? Take(string token) => pending.TryRemove(token, out var entry) ? entry : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>One client waiting for its system; disposing it withdraws the token.</summary>
    public sealed class Pending(string token, TunnelRendezvous owner) : IDisposable
    {
        private readonly TaskCompletionSource<IDuplexPipe> arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource relayEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Token { get; } = token;

        /// <summary>The system's data connection, or <see cref="TunnelFailedException"/> with the system's reason.</summary>
        public Task<IDuplexPipe> Arrived => arrived.Task;

        /// <summary>Completes when the relay no longer needs the data connection, so its request may end.</summary>
        public Task RelayEnded => relayEnded.Task;

        /// <summary>False when the client gave up meanwhile: the caller closes the connection.</summary>
        public bool Connect(IDuplexPipe data) => arrived.TrySetResult(data);

        public void Fail(string reason) => arrived.TrySetException(new TunnelFailedException(reason));

        public void EndRelay() => relayEnded.TrySetResult();

        public void Dispose()
        {
            owner.pending.TryRemove(Token, out _);
            arrived.TrySetCanceled();
            relayEnded.TrySetResult();
        }
    }
}

/// <summary>The system could not reach the tunnel's target; the message is its reason.</summary>
public sealed class TunnelFailedException(string reason) : Exception(reason);
