using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Com.Harness.Cluster;

namespace Com.Harness.Tunnels;

/// <summary>The real tools the tunnel benchmark compares COM with, started on loopback ports and always stopped.</summary>
public static class LocalTools
{
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static ManagedProcess Start(string name, string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return new ManagedProcess(name, start);
    }

    /// <summary>Runs a tool to its end and returns its standard output; a failure throws with what it said.</summary>
    public static async Task<string> RunAsync(string file, TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} ran over {timeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        return await output;
    }

    public static async Task WaitListeningAsync(int port, ManagedProcess owner, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (owner.HasExited)
                throw new InvalidOperationException($"{owner.Name} exited with {owner.ExitCode}: {owner.Tail()}");
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>A real sshd on a loopback port letting this user in with a fresh key: the <c>ssh -L</c> baseline's far end.</summary>
    public static async Task<(ManagedProcess Sshd, int Port, string Key)> StartSshdAsync(string directory)
    {
        foreach (var key in new[] { "host", "client" })
        {
            File.Delete(Path.Combine(directory, key));
            File.Delete(Path.Combine(directory, key + ".pub"));
            await RunAsync("ssh-keygen", TimeSpan.FromSeconds(30), "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(directory, key));
        }
        File.Copy(Path.Combine(directory, "client.pub"), Path.Combine(directory, "authorized_keys"), overwrite: true);
        if (Environment.UserName == "root")
            Directory.CreateDirectory("/run/sshd");
        var port = FreePort();
        var config = Path.Combine(directory, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {directory}/host
            PidFile {directory}/sshd.pid
            AuthorizedKeysFile {directory}/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            Subsystem sftp internal-sftp

            """);
        var sshd = Start("sshd", "/usr/sbin/sshd", "-D", "-e", "-f", config);
        await WaitListeningAsync(port, sshd, TimeSpan.FromSeconds(20));
        return (sshd, port, Path.Combine(directory, "client"));
    }

    /// <summary>
    /// The fair baseline for COM's path: two TLS hops with a plain relay between them, as stunnel does them (client →
    /// TLS → relay → TLS → target), one stunnel process, a throwaway P-256 certificate.
    /// </summary>
    public static async Task<(ManagedProcess Stunnel, int Port)> StartStunnelChainAsync(string directory, int target)
    {
        var (certificate, key) = (Path.Combine(directory, "stunnel.crt"), Path.Combine(directory, "stunnel.key"));
        await RunAsync("openssl", TimeSpan.FromSeconds(30), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", key, "-out", certificate, "-days", "2", "-subj", "/CN=localhost");
        var (a, b, c, d) = (FreePort(), FreePort(), FreePort(), FreePort());
        var config = Path.Combine(directory, "stunnel.conf");
        await File.WriteAllTextAsync(config, $"""
            foreground = yes
            pid =
            [hop1-client]
            client = yes
            accept = 127.0.0.1:{a}
            connect = 127.0.0.1:{b}
            [hop1-server]
            accept = 127.0.0.1:{b}
            connect = 127.0.0.1:{c}
            cert = {certificate}
            key = {key}
            [hop2-client]
            client = yes
            accept = 127.0.0.1:{c}
            connect = 127.0.0.1:{d}
            [hop2-server]
            accept = 127.0.0.1:{d}
            connect = 127.0.0.1:{target}
            cert = {certificate}
            key = {key}

            """);
        var stunnel = Start("stunnel", "stunnel", config);
        await WaitListeningAsync(a, stunnel, TimeSpan.FromSeconds(20));
        return (stunnel, a);
    }
}
