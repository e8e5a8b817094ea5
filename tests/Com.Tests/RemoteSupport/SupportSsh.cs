using Com.Tests.Infrastructure;
using Npgsql;

namespace Com.Tests.RemoteSupport;

/// <summary>
/// OpenSSH through COM's proxy as support staff run it (proxytunnel as the proxy command, to the local sshd behind a
/// simulated system of a <see cref="TunnelDeployment"/>), and the audit rows the tunnels leave; shared by the
/// remote-support process tests.
/// </summary>
public static class SupportSsh
{
    /// <summary>The maintenance host name of the fleet's customer <paramref name="index"/>, or of a nearby server of it.</summary>
    public static string Host(TunnelDeployment deployment, int index, string? nearby = null) =>
        $"{deployment.Ids[index]}{(nearby is null ? "" : "-" + nearby)}.maint.localhost";

    /// <summary>The proxy's public certificate, which proxytunnel checks.</summary>
    public static string Certificate(TunnelDeployment deployment) => Path.ChangeExtension(deployment.Com.Silo.CertificatePath, ".crt");

    /// <summary>ssh's options for <paramref name="host"/> through <paramref name="silo"/>'s proxy, signed in as <paramref name="user"/>.</summary>
    public static string[] Options(TunnelDeployment deployment, SiloProcess silo, string host, string user) =>
    [
        "-F", "/dev/null", "-i", deployment.Sshd.ClientKey, "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=30",
        "-o", $"ProxyCommand=proxytunnel -q -E -C {Certificate(deployment)} -p localhost:{silo.ProxyPort} -d {host}:22 -P {user}:{TunnelFleet.Password}",
    ];

    /// <summary>ssh's whole argument list running <paramref name="command"/> on <paramref name="host"/>.</summary>
    public static string[] Arguments(TunnelDeployment deployment, SiloProcess silo, string host, string user, string command) =>
        [.. Options(deployment, silo, host, user), $"{LocalSshd.User}@{host}", command];

    public static async Task<ExternalCommand.Result> RunAsync(TunnelDeployment deployment, SiloProcess silo, string host, string user, string command) =>
        await ExternalCommand.RunAsync("ssh", Arguments(deployment, silo, host, user, command), TimeSpan.FromSeconds(60));

    /// <summary>The silo's last 30 lines of output, for failure messages.</summary>
    public static string Tail(SiloProcess silo) => string.Join('\n', silo.Output.Split('\n').TakeLast(30));

    public sealed record AuditRow(string Account, string Silo, long Up, long Down, DateTime? EndedAt, string? Reason);

    /// <summary>
    /// The customer's rows of the tunnel audit (<c>com_tunnel_sessions</c>) as they are now: the proxy's tunnels only, as
    /// the admin relay's to the same system (a Web Manager test that ran first) end only when idle.
    /// </summary>
    public static async Task<List<AuditRow>> AuditAsync(ComDeployment com, string customerId)
    {
        await using var db = NpgsqlDataSource.Create(com.Database.ConnectionString);
        await using var command = db.CreateCommand("SELECT account, silo, bytes_up, bytes_down, ended_at, end_reason FROM com_tunnel_sessions WHERE customer_id = $1 AND account <> 'admin relay'");
        command.Parameters.AddWithValue(customerId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
            rows.Add(new AuditRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        return rows;
    }
}
