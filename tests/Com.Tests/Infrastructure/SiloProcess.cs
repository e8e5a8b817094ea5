using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Com.Tests.Infrastructure;

/// <summary>The real COM executable started as a separate process: real Kestrel, real TLS, real Orleans networking.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SiloProcess(Process process, int webPort, int devicePort, string certificatePath, string name)
    {
        this.process = process;
        WebPort = webPort;
        DevicePort = devicePort;
        CertificatePath = certificatePath;
        Name = name;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Http = NewClient();
    }

    public string Name { get; }

    /// <summary>A new HTTPS client with its own cookies (a separate browser), trusting exactly the certificate this silo generated.</summary>
    public HttpClient NewClient() => new(new HttpClientHandler
    {
        AllowAutoRedirect = false,
        // Pinning, not switching validation off.
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate is not null && File.Exists(CertificatePath)
            && certificate.Thumbprint == X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, null).Thumbprint,
    })
    { BaseAddress = new Uri($"https://localhost:{WebPort}"), Timeout = TimeSpan.FromSeconds(30) };

    public int WebPort { get; }

    public int DevicePort { get; }

    /// <summary>The remote-support proxy's TLS port.</summary>
    public int ProxyPort { get; private init; }

    /// <summary>The admin relay's HTTPS port.</summary>
    public int RelayPort { get; private init; }

    public Uri LinkUri => new($"wss://localhost:{DevicePort}/cpe/link");

    /// <summary>The public certificate devices pin.</summary>
    public X509Certificate2 PublicCertificate => X509CertificateLoader.LoadCertificateFromFile(Path.ChangeExtension(CertificatePath, ".crt"));

    public string CertificatePath { get; }

    public HttpClient Http { get; }

    public bool HasExited => process.HasExited;

    public string Output { get { lock (output) return output.ToString(); } }

    public static string SiloDll { get; } = FindSiloDll();

    public static SiloProcess Start(string connectionString, string name, string role = "silo", string? certificateDirectory = null,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var webPort = TcpForwarder.FreePort();
        var devicePort = TcpForwarder.FreePort();
        var certificate = Path.Combine(certificateDirectory ?? Directory.CreateTempSubdirectory("com-cert").FullName, "com.pfx");
        var start = new ProcessStartInfo("dotnet", [SiloDll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment(connectionString, name, role, webPort, certificate).Concat(settings ?? new Dictionary<string, string>()))
            start.Environment[key] = value;
        start.Environment["Com__Devices__Port"] = devicePort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Several silos share this machine: each gets its own proxy port unless the test chose one.
        var proxyPort = settings?.TryGetValue("Com__RemoteSupport__Port", out var chosen) == true ? int.Parse(chosen, System.Globalization.CultureInfo.InvariantCulture) : TcpForwarder.FreePort();
        start.Environment["Com__RemoteSupport__Port"] = proxyPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The admin relay too; browsers reach it as localhost, which the certificate names.
        var relayPort = TcpForwarder.FreePort();
        start.Environment["Com__RemoteSupport__RelayPort"] = relayPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Com__RemoteSupport__RelayPublicAddress"] = $"localhost:{relayPort}";
        return new SiloProcess(Process.Start(start)!, webPort, devicePort, certificate, name) { ProxyPort = proxyPort, RelayPort = relayPort };
    }

    public static Dictionary<string, string> Environment(string connectionString, string name, string role = "silo", int webPort = 0, string certificate = "") => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Com__Database__ConnectionString"] = connectionString,
        ["Com__Database__StartupRetryBudget"] = "00:01:00",
        ["Com__Cluster__Role"] = role,
        ["Com__Cluster__SiloName"] = name,
        ["Com__Cluster__SiloPort"] = TcpForwarder.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Com__Cluster__GatewayPort"] = TcpForwarder.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Com__Web__Port"] = webPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Com__Web__CertificatePath"] = certificate,
        ["Logging__LogLevel__Default"] = "Warning",
        // A run that crosses 02:00 in a device's zone must not back up every test's customers on its own; the tests of
        // the nightly backup turn it on with a window of their own.
        ["Com__Backups__Nightly__Enabled"] = "false",
    };

    /// <summary>Waits until <c>/readyz</c> answers 200, failing with the process output when it does not.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        try
        {
            // Not listening yet and slow while starting are both "not yet"; an exit is final.
            await Eventually.GetAsync(ReadinessAsync, status => status == HttpStatusCode.OK, timeout ?? TimeSpan.FromSeconds(90), $"{Name} to answer /readyz with 200");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Output}", e);
        }
    }

    private async Task<HttpStatusCode> ReadinessAsync()
    {
        if (process.HasExited)
            throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Output}");
        using var response = await Http.GetAsync("/readyz");
        return response.StatusCode;
    }

    /// <summary>The page's HTML with entities decoded, so tests can look for the text a user reads.</summary>
    public Task<string> GetPageAsync(string path) => Http.GetPageAsync(path);

    /// <summary>Runs an operator command of the executable (<c>status</c>, <c>admin ensure</c>) against this silo's database.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string connectionString, IReadOnlyDictionary<string, string>? settings, params string[] command)
    {
        var start = new ProcessStartInfo("dotnet", [SiloDll, .. command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in Environment(connectionString, "command").Concat(settings ?? new Dictionary<string, string>()))
            start.Environment[key] = value;
        using var run = Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        return (run.ExitCode, await stdout + await stderr);
    }

    /// <summary>SIGTERM, as a service manager stops a silo: it leaves the cluster and its services stop in order.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        var signal = await ExternalCommand.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
        signal.ExitCode.ShouldBe(0, $"kill -TERM {Name}: {signal}");
        await ExitCodeAsync(within);
    }

    private async Task<int> ExitCodeAsync()
    {
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    /// <summary>The exit code of a silo expected to end on its own, once it has; a timeout tells how its output ends then.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan within)
    {
        try
        {
            return await Eventually.CompletesAsync(ExitCodeAsync(), $"{Name} to exit", within);
        }
        catch (TimeoutException e)
        {
            var output = Output;
            throw new TimeoutException($"{e.Message}; its output ends: {output[^Math.Min(output.Length, 2000)..]}", e);
        }
    }

    /// <summary>SIGKILL: no goodbye to the cluster, as when a machine dies.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Http.Dispose();
    }

    private static string FindSiloDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = here.Parent!.Name; // bin/<configuration>/net10.0/
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Com.sln")))
            root = root.Parent;
        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Com.sln not found above the test output"),
            "src", "Silo", "bin", configuration, here.Name, "Com.Silo.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the solution first: the silo executable is missing", dll);
    }
}
