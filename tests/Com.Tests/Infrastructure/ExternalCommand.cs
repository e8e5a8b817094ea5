using System.Diagnostics;
using System.Text;

namespace Com.Tests.Infrastructure;

/// <summary>A real command-line tool run to its end, with its output kept for assertions and failure messages.</summary>
public static class ExternalCommand
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} did not end within {timeout}; stderr so far: {(error.IsCompleted ? error.Result : "")}");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}

/// <summary>
/// A real OpenSSH server on a loopback port for remote-support tests: its own host key, one client key allowed, the
/// current user signing in, SFTP for scp. Stopped and its files removed on dispose.
/// </summary>
public sealed class LocalSshd : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private LocalSshd(Process process, string directory, int port)
    {
        this.process = process;
        Directory = directory;
        Port = port;
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginErrorReadLine();
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>The private key the server accepts.</summary>
    public string ClientKey => Path.Combine(Directory, "client");

    public static string User => Environment.UserName;

    public string Log { get { lock (log) return log.ToString(); } }

    public static async Task<LocalSshd> StartAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("com-sshd").FullName;
        foreach (var key in new[] { "host", "client" })
        {
            var made = await ExternalCommand.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(directory, key)], TimeSpan.FromSeconds(30));
            made.ExitCode.ShouldBe(0, made.ToString());
        }
        File.Copy(Path.Combine(directory, "client.pub"), Path.Combine(directory, "authorized_keys"));
        // Run as root, sshd insists on its privilege separation directory.
        if (Environment.UserName == "root")
            System.IO.Directory.CreateDirectory("/run/sshd");
        var port = TcpForwarder.FreePort();
        var config = Path.Combine(directory, "sshd_config");
        await File.WriteAllTextAsync(config, $"""
            Port {port}
            ListenAddress 127.0.0.1
            HostKey {directory}/host
            PidFile {directory}/sshd.pid
            AuthorizedKeysFile {directory}/authorized_keys
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no
            Subsystem sftp internal-sftp

            """);
        var start = new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", config]) { RedirectStandardError = true, UseShellExecute = false };
        var sshd = new LocalSshd(Process.Start(start)!, directory, port);
        await Eventually.TrueAsync(async () =>
        {
            if (sshd.process.HasExited)
                throw new InvalidOperationException($"sshd exited with {sshd.process.ExitCode}: {sshd.Log}");
            using var probe = new System.Net.Sockets.TcpClient();
            try
            {
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20), $"sshd to listen on 127.0.0.1:{port}");
        return sshd;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held; the temporary directory is cleaned with the machine.
        }
    }
}
