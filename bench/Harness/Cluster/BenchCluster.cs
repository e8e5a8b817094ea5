using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Npgsql;

namespace Com.Harness.Cluster;

/// <summary>
/// The system under test: a fresh database on the benchmark's PostgreSQL and COM silos as separate processes, each
/// on its host of the topology. Silos can be killed and restarted; the database and its customers stay.
/// </summary>
/// <param name="environment">The benchmark's PostgreSQL, programs and work folder.</param>
/// <param name="topology">Where each silo runs.</param>
/// <param name="database">The database created for this cluster.</param>
/// <param name="log">Where progress is written.</param>
/// <param name="firstNumber">The number of the first silo, which decides its ports: scenarios that start a silo of
/// their own number theirs from 9, so they never take the ports of a scale run's three silos.</param>
/// <param name="settings">Settings every silo gets on top of the benchmark's, as environment variables.</param>
public sealed class BenchCluster(
    BenchEnvironment environment, Topology topology, string database, TextWriter log, int firstNumber = 1, IReadOnlyDictionary<string, string>? settings = null)
    : IAsyncDisposable
{
    private readonly List<SiloNode?> silos = [.. topology.Silos.Select(_ => (SiloNode?)null)];

    public string Token { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public Topology Topology => topology;

    /// <summary>Settings that replace or add to <see cref="SiloNode.Settings"/> for silos started from now on.</summary>
    public Dictionary<string, string> Overrides { get; } = [];

    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(environment.AdminFor(topology))
    {
        Database = database,
        // Three silos share PostgreSQL's 300 connections, with room left for the harness.
        MaxPoolSize = 80,
    }.ConnectionString;

    public IEnumerable<SiloNode> Running => silos.OfType<SiloNode>().Where(s => !s.Process.HasExited);

    public SiloNode Silo(int index) => silos[index - 1] ?? throw new InvalidOperationException($"silo {index} is not running");

    public IReadOnlyList<Uri> LinkUris => [.. topology.Silos.Select((host, i) => SiloNode.LinkUriOf(firstNumber + i, host))];

    /// <summary>Drops and recreates the benchmark database: every scale starts from nothing.</summary>
    public async Task CreateDatabaseAsync()
    {
        await using var source = NpgsqlDataSource.Create(environment.AdminFor(topology));
        await using (var drop = source.CreateCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)"))
            await drop.ExecuteNonQueryAsync();
        await using var create = source.CreateCommand($"CREATE DATABASE \"{database}\"");
        await create.ExecuteNonQueryAsync();
    }

    /// <summary>Starts every silo that is not running; the first alone, so it writes the certificate the others load.</summary>
    public async Task StartAllAsync()
    {
        for (var index = 1; index <= silos.Count; index++)
        {
            if (silos[index - 1] is { Process.HasExited: false })
                continue;
            Start(index);
            if (index == 1)
                await WaitReadyAsync(Silo(1));
        }
        foreach (var silo in Running)
            await WaitReadyAsync(silo);
    }

    private void Start(int index)
    {
        var host = topology.Silos[index - 1];
        var number = firstNumber + index - 1;
        var start = host.Command("dotnet", [Path.Combine(environment.SiloDirectory, "Com.Silo.dll")]);
        foreach (var (key, value) in SiloNode.Settings(number, host, ConnectionString, environment.CertificatePath, Token).Concat(settings ?? new Dictionary<string, string>()))
            start.Environment[key] = value;
        foreach (var (key, value) in Overrides)
            start.Environment[key] = value;
        silos[index - 1] = new SiloNode(number, host, new ManagedProcess($"silo {number}", start));
    }

    /// <summary>
    /// Creates the first Administrator (login <c>admin</c>) as <c>./com up</c> does: the silo binary's <c>admin ensure</c>,
    /// configured like silo 1 and given the password in <c>COM_ADMIN_PASSWORD</c>.
    /// </summary>
    public async Task EnsureAdminAsync(string password)
    {
        var host = topology.Silos[0];
        var start = host.Command("dotnet", [Path.Combine(environment.SiloDirectory, "Com.Silo.dll"), "admin", "ensure"]);
        foreach (var (key, value) in SiloNode.Settings(1, host, ConnectionString, environment.CertificatePath, Token))
            start.Environment[key] = value;
        start.Environment["COM_ADMIN_PASSWORD"] = password;
        await using var command = new ManagedProcess("admin ensure", start);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await command.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"admin ensure did not end in 2 minutes:\n{command.Tail()}");
        }
        if (command.ExitCode != 0)
            throw new InvalidOperationException($"admin ensure failed ({command.ExitCode}):\n{command.Tail()}");
        log.WriteLine($"  {command.Tail().Trim()}");
    }

    public void Kill(int index)
    {
        Silo(index).Process.Kill();
        log.WriteLine($"  killed silo {index} (pid {Silo(index).Process.Pid}) with SIGKILL");
    }

    public async Task StopAllAsync()
    {
        await Task.WhenAll(Running.Select(s => s.Process.StopAsync(TimeSpan.FromSeconds(30))));
        for (var i = 0; i < silos.Count; i++)
            silos[i] = null;
    }

    public HttpClient Client(SiloNode silo) => new(new HttpClientHandler
    {
        // Pinned to the certificate the first silo generated, not validation switched off.
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.Thumbprint == Pinned().Thumbprint,
        MaxConnectionsPerServer = 16,
    })
    {
        BaseAddress = silo.WebBase,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new("Bearer", Token) },
    };

    private X509Certificate2? pinned;

    private X509Certificate2 Pinned() => pinned ??= X509CertificateLoader.LoadCertificateFromFile(environment.PublicCertificatePath);

    private async Task WaitReadyAsync(SiloNode silo)
    {
        using var client = Client(silo);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (silo.Process.HasExited)
                throw new InvalidOperationException($"silo {silo.Index} exited:\n{silo.Process.Tail()}");
            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FileNotFoundException or CryptographicException)
            {
                // Not listening yet, or the certificate is not written yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"silo {silo.Index} was not ready in 2 minutes:\n{silo.Process.Tail()}");
    }

    public async ValueTask DisposeAsync() => await StopAllAsync();
}
