using System.Text.Json;
using Com.DeviceProtocol;
using Com.Grains.Interfaces.Customers;

namespace Com.Silo.Devices;

/// <summary>Turns a hello frame into a checked <see cref="LinkHello"/>, or says precisely why it cannot.</summary>
public static class HelloReader
{
    private const int MaxServers = 64;
    private const int MaxTunnels = 256;

    public sealed record Outcome(string? CustomerId, LinkHello? Hello, string? Refusal, string? Problem);

    public static Outcome Read(string json, Guid linkId)
    {
        HelloMessage? message;
        try
        {
            message = JsonSerializer.Deserialize(json, ProtocolJson.Default.HelloMessage);
        }
        catch (JsonException e)
        {
            var cause = IsWellFormed(json)
                ? $"the hello's field {e.Path ?? "$"} has the wrong type (numbers and booleans are not quoted)"
                : "the hello is not valid JSON";
            return new(null, null, RefusalReasons.ProtocolError, cause);
        }
        if (message is null || message.Type != MessageTypes.Hello)
            return new(null, null, RefusalReasons.HelloExpected, "the first message must be a hello");
        var id = CustomerIds.IsValid(message.CustomerId) ? message.CustomerId : null;
        if (message.Protocol != ProtocolLimits.Version)
            return new(id, null, RefusalReasons.UnsupportedProtocol, $"protocol {message.Protocol} is not supported; this server speaks {ProtocolLimits.Version}");
        if (id is null)
            return new(null, null, RefusalReasons.UnknownCustomer, "customerId must be lowercase letters and digits");
        if (Problem(message) is { } problem)
            return new(id, null, RefusalReasons.ProtocolError, problem);

        var network = new NetworkReport(
            message.System.Name, WireNames.Profile(message.System.Profile), message.System.Version,
            [.. message.Servers.Select(WireNames.Server)],
            WireNames.Flags(message.Flags ?? new FlagsMessage()),
            [.. (message.Tunnels ?? []).Select(t => new TunnelRule(t.Address, t.Port, t.Application))],
            message.System.Configuration,
            message.System.TimeZone);
        var hello = new LinkHello(linkId, message.ServiceUser, message.Password, WireNames.Role(message.Role)!.Value,
            network, WireNames.Account(message.Account ?? new AccountMessage()));
        return new(id, hello, null, null);
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    private static bool IsTimeZone(string zone) =>
        Text(zone, 64) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found) && found.HasIanaId;

    private static string? Problem(HelloMessage m)
    {
        if (!Text(m.ServiceUser, 64) || !Text(m.Password, 128))
            return "serviceUser and password are required (64 and 128 characters at most)";
        if (m.System is null || !Text(m.System.Name, 64) || !Text(m.System.Version, 32) || !Text(m.System.Profile, 32))
            return "system needs a name, profile and version";
        if (m.System.Configuration is not null && !IsSha256(m.System.Configuration))
            return "system.configuration must be a SHA-256 in 64 lower-case hex digits";
        if (m.System.TimeZone is { } zone && !IsTimeZone(zone))
            return "system.timeZone must be an IANA time zone such as Europe/Paris";
        if (WireNames.Role(m.Role) is null)
            return $"role '{m.Role}' is not one of primary, secondary, expansion, application, ucm";
        if (m.Servers is null || m.Servers.Count is 0 or > MaxServers)
            return $"servers must list 1 to {MaxServers} servers";
        if (!ServersAreValid(m.Servers))
            return "every server needs a name, a known role, an address and a version";
        if (m.Tunnels is { Count: > MaxTunnels } || (m.Tunnels ?? []).Any(t => t is null || !Text(t.Address, 253) || t.Port is < 1 or > 65535 || !Text(t.Application, 32)))
            return "every tunnel needs an address, a port 1-65535 and an application";
        if (m.Account is { } a && WireNames.AccountState(a.State) is null)
            return $"account state '{a.State}' is not known";
        if (m.Account is { Sessions: < 0 } or { MaxSessions: < 0 })
            return "account sessions and maxSessions cannot be negative";
        return null;
    }

    /// <summary>Whether the text is JSON at all, so a field of the wrong type is not reported as broken JSON.</summary>
    private static bool IsWellFormed(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        try
        {
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The rule for a server list, in a hello or a later status message.</summary>
    public static bool ServersAreValid(IReadOnlyList<ServerMessage>? servers) =>
        servers is { Count: > 0 and <= MaxServers }
        && servers.All(s => s is not null && Text(s.Name, 64) && Text(s.Address, 253) && WireNames.Role(s.Role) is not null && Text(s.Version, 32) && Text(s.Profile, 32));

    private static bool Text(string? value, int max) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= max && !value.Any(char.IsControl);
}
