using System.IO.Pipelines;
using Com.Grains.Interfaces.RemoteSupport;
using Com.Storage.RemoteSupport;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Com.Silo.RemoteSupport;

/// <summary>
/// One connection to the maintenance port, from <see cref="MaintenanceListener"/> (Kestrel's HTTP stack does not take CONNECT).
/// A client's: read the head, sign in, parse the target, ask the customer's grain, wait for the system to dial back
/// here, then relay; every refusal is answered with its status and reason and logged. A system's dial-back goes to
/// <see cref="TunnelDialBack"/>.
/// </summary>
public sealed partial class ProxyConnectionHandler(
    ProxySignIn signIn,
    TunnelDialBack dialBack,
    TunnelOpener opener,
    LiveTunnels live,
    TunnelSessionStore sessions,
    ILocalSiloDetails silo,
    IOptions<ProxySettings> options,
    TimeProvider time,
    ILogger<ProxyConnectionHandler> logger)
{
    private readonly ProxySettings settings = options.Value;

    public async Task HandleAsync(MaintenanceConnection connection)
    {
        var client = connection.RemoteEndPoint?.ToString() ?? "unknown";
        var address = connection.RemoteEndPoint?.Address.ToString() ?? "unknown";
        var closed = connection.Closed;
        var transport = connection.Transport;

        var (bytes, status, problem) = await HeadReader.ReadAsync(transport.Input, settings.MaxHeadBytes, settings.HeadTimeout, closed);
        if (bytes is not null && TunnelDialBack.IsDialBack(bytes))
        {
            await dialBack.HandleAsync(connection, bytes, client);
            return;
        }
        var head = bytes is null ? null : Parse(bytes, ref status, ref problem);
        if (head is null)
        {
            await RefuseAsync(transport, client, "-", "-", status, problem!);
            return;
        }
        if (BasicCredentials.Parse(head.ProxyAuthorization) is not { } credentials)
        {
            await RefuseAsync(transport, client, "-", head.Authority, 407, "sign in with the maintenance proxy account of the customer's reseller or distributor");
            return;
        }
        ProxySignIn.Outcome outcome;
        ProxyAccount? account;
        try
        {
            (outcome, account) = await signIn.SignInAsync(credentials, address, closed);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            LogSignInUnchecked(e, credentials.UserName);
            await RefuseAsync(transport, client, credentials.UserName, head.Authority, 503, "COM cannot check proxy sign-ins right now; try again shortly");
            return;
        }
        if (outcome != ProxySignIn.Outcome.SignedIn)
        {
            await RefuseAsync(transport, client, credentials.UserName, head.Authority, outcome == ProxySignIn.Outcome.Throttled ? 429 : 407,
                outcome == ProxySignIn.Outcome.Throttled ? "too many failed sign-ins; wait a minute" : "wrong user name or password");
            return;
        }
        var (target, targetProblem) = MaintenanceTarget.Parse(head.Authority, settings.MaintenanceSuffix);
        if (target is null)
        {
            var nonMaintenance = targetProblem!.StartsWith("only hosts under", StringComparison.Ordinal);
            await RefuseAsync(transport, client, account!.Label, head.Authority, nonMaintenance ? 403 : 400, targetProblem);
            return;
        }
        await TunnelAsync(connection, client, account!, target);
    }

    private static ConnectHead? Parse(byte[] bytes, ref int status, ref string? problem)
    {
        var (head, parsedStatus, parsedProblem) = ConnectHead.Parse(bytes);
        (status, problem) = (parsedStatus, parsedProblem);
        return head;
    }

    private async Task TunnelAsync(MaintenanceConnection connection, string client, ProxyAccount account, MaintenanceTarget target)
    {
        var transport = connection.Transport;
        var sessionId = Guid.NewGuid();
        if (live.Admit(sessionId, account.Label) is { } full)
        {
            await RefuseAsync(transport, client, account.Label, target.ToString(), 503, full);
            return;
        }
        using var hangUp = CancellationTokenSource.CreateLinkedTokenSource(connection.Closed);
        try
        {
            OpenedTunnel opened;
            // Nothing else reads the client while its tunnel opens, so a read watches for it hanging up meanwhile.
            var watch = HangUpWatch.RunAsync(transport.Input, hangUp);
            try
            {
                opened = await opener.OpenAsync(sessionId, ProxyAccount.KindName(account.Kind), account.Name, target, TunnelPurpose.Support, hangUp.Token);
            }
            finally
            {
                transport.Input.CancelPendingRead();
                await watch;
            }
            using (opened)
            {
                if (!opened.Opened)
                {
                    await RefuseAsync(transport, client, account.Label, target.ToString(), opened.Status, opened.Reason);
                    return;
                }
                // The system's connection belongs to its dial-back's handler, which ends, closing it, once the relay is done.
                await RelayAsync(connection, client, account, target, opened.Target!, sessionId, opened.Data!);
            }
        }
        catch (OperationCanceledException) when (hangUp.IsCancellationRequested)
        {
            LogClientLeft(client, target);
        }
        finally
        {
            live.Release(sessionId);
        }
    }

    private async Task RelayAsync(MaintenanceConnection connection, string client, ProxyAccount account, MaintenanceTarget target, string resolved, Guid sessionId, IDuplexPipe data)
    {
        var startedAt = time.GetUtcNow();
        try
        {
            await sessions.StartAsync(new TunnelSession(sessionId, account.Label, target.CustomerId, $"{target} ({resolved})", client,
                silo.SiloAddress.ToParsableString(), startedAt, null, 0, 0, null));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            // No tunnel runs unaudited; the caller's end of the system's connection follows.
            LogAuditUnwritten(e, sessionId);
            await RefuseAsync(connection.Transport, client, account.Label, target.ToString(), 503, "COM cannot record the tunnel right now; try again shortly");
            return;
        }
        LogOpened(sessionId, account.Label, target, resolved, client);
        using var relay = new TunnelRelay(connection.Transport, data, time);
        live.Relaying(sessionId, relay);
        string reason;
        try
        {
            await ProxyResponses.EstablishedAsync(connection.Transport.Output);
            reason = await relay.RunAsync();
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException)
        {
            reason = $"the client left before the tunnel began ({e.Message})";
        }
        finally
        {
            live.Release(sessionId);
        }
        try
        {
            await sessions.EndAsync(sessionId, time.GetUtcNow(), relay.BytesUp, relay.BytesDown, reason);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The audit row stays open; the dead-silo sweep or an operator sees it. The log has the final figures.
            LogEndUnrecorded(e, sessionId);
        }
        LogEnded(sessionId, reason, relay.BytesUp, relay.BytesDown);
    }

    private async Task RefuseAsync(IDuplexPipe transport, string client, string account, string target, int status, string reason)
    {
        LogRefused(client, account, target, status, reason);
        await ProxyResponses.RefuseAsync(transport.Output, status, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy refused {Client} ({Account}) to {Target}: {Status} {Reason}")]
    private partial void LogRefused(string client, string account, string target, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tunnel {SessionId} opened for {Account} to {Target} ({Resolved}) from {Client}")]
    private partial void LogOpened(Guid sessionId, string account, MaintenanceTarget target, string resolved, string client);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tunnel {SessionId} ended: {Reason}; {BytesUp} bytes up, {BytesDown} down")]
    private partial void LogEnded(Guid sessionId, string reason, long bytesUp, long bytesDown);

    [LoggerMessage(Level = LogLevel.Information, Message = "Proxy client {Client} left while its tunnel to {Target} was opening")]
    private partial void LogClientLeft(string client, MaintenanceTarget target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Proxy sign-in as {UserName} could not be checked")]
    private partial void LogSignInUnchecked(Exception exception, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tunnel {SessionId} was refused: its audit row could not be written")]
    private partial void LogAuditUnwritten(Exception exception, Guid sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The end of tunnel {SessionId} could not be recorded")]
    private partial void LogEndUnrecorded(Exception exception, Guid sessionId);
}
