using System.Text.Json;
using Com.DeviceProtocol;

namespace Com.Simulator;

/// <summary>
/// Takes COM's tunnel-open messages on one link and runs each tunnel beside everything else. Tunnels outlive the link
/// that asked for them (their bytes never pass through it) and end with the run.
/// </summary>
internal sealed class TunnelDesk(CustomerPlan customer, DeviceEnvironment environment, CancellationToken runEnds)
{
    public void Receive(string json)
    {
        TunnelOpenMessage? open;
        try
        {
            open = JsonSerializer.Deserialize(json, ProtocolJson.Default.TunnelOpenMessage);
        }
        catch (JsonException)
        {
            open = null;
        }
        if (Problem(open) is { } problem)
        {
            environment.Counters.Problem($"{customer.Name}: COM sent a tunnel-open the system cannot use ({problem}): {(json.Length > 200 ? json[..200] + "…" : json)}");
            return;
        }
        _ = RunAsync(open!);
    }

    private async Task RunAsync(TunnelOpenMessage open)
    {
        await Task.Yield();
        try
        {
            await TunnelRun.RunAsync(open, customer.Flags.RemoteAccess, environment.Tunnels ?? TunnelMap.Empty, environment.Trusted, environment.Commands.Files, runEnds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A tunnel's failure costs that tunnel only; COM's client sees it end.
            if (!runEnds.IsCancellationRequested)
                environment.Counters.Problem($"{customer.Name}: tunnel {open.Id} to {open.Address}:{open.Port} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static string? Problem(TunnelOpenMessage? open)
    {
        if (open is null)
            return "malformed";
        if (string.IsNullOrEmpty(open.Id) || string.IsNullOrEmpty(open.Address) || open.Address.Length > 253)
            return "no id or address";
        if (open.Port is < 1 or > 65535)
            return "port out of range";
        if (!Uri.TryCreate(open.Connect, UriKind.Absolute, out var connect) || connect.Scheme != Uri.UriSchemeHttps
            || !connect.AbsolutePath.StartsWith(Tunnels.Path + "/", StringComparison.Ordinal))
            return "connect is not an https tunnel URL";
        return null;
    }
}
