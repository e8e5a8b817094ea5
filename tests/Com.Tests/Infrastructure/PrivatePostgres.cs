using System.Diagnostics;

namespace Com.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server of a test's own, started with the same shell functions as <c>./com</c>
/// (<c>scripts/postgres.sh</c>), so a test may restart it without disturbing the server every other test shares.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    // Below Linux's ephemeral range (32768-60999), where outgoing connections of parallel tests would take ports
    // between the script's check and the server's bind.
    private const int FirstPortTried = 27000;

    private readonly string home;

    private PrivatePostgres(string home, string connectionString)
    {
        this.home = home;
        ConnectionString = connectionString;
    }

    /// <summary>The server's <c>postgres</c> database as its superuser, as <c>COM_TEST_DB</c> is.</summary>
    public string ConnectionString { get; }

    public static async Task<PrivatePostgres> StartAsync()
    {
        var home = Directory.CreateTempSubdirectory("com-private-pg").FullName;
        // The server runs as the postgres user when the tests run as root; it must reach its data and log in here.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var output = await ScriptAsync($"start_private_postgres '{home}' {FirstPortTried}");
        return new PrivatePostgres(home, output.Trim().Split('\n')[^1]);
    }

    /// <summary>A fast restart (<c>pg_ctl restart -m fast</c>): every connection is cut, as when the database host reboots.</summary>
    public Task RestartAsync() => ScriptAsync($"pg_as_owner \"$(pg_bin)/pg_ctl\" -D \"$(cat '{home}/datadir')\" -m fast -w -t 60 restart -l '{home}/server.log'");

    /// <summary>When the server process started: a restart that really happened moves it.</summary>
    public async Task<DateTime> StartedAtAsync()
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand("SELECT pg_postmaster_start_time()");
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        // The data directory may live outside the home when the postgres user cannot reach a temporary folder.
        await ScriptAsync($"stop_private_postgres '{home}'; rm -rf \"$(cat '{home}/datadir')\"");
        Directory.Delete(home, recursive: true);
    }

    private static async Task<string> ScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["-c", $"source scripts/lib.sh; source scripts/postgres.sh; {command}"])
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var run = Process.Start(start)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        return run.ExitCode == 0 ? await stdout : throw new InvalidOperationException($"`{command}` failed ({run.ExitCode}): {await stdout}{await stderr}");
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Com.sln")))
            root = root.Parent;
        return root?.FullName ?? throw new InvalidOperationException("Com.sln not found above the test output");
    }
}
