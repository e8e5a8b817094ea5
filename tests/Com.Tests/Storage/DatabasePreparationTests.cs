using System.Diagnostics;
using Com.Storage;
using Com.Tests.Infrastructure;
using Npgsql;
using Polly.Timeout;

namespace Com.Tests.Storage;

[Trait("Category", "Cluster")]
public sealed class DatabasePreparationTests
{
    [Fact]
    public async Task Prepare_WhenPostgreSqlComesUpLate_WaitsForItAndMigrates()
    {
        await using var database = await EmptyDatabase.CreateAsync();
        var real = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var late = new TcpForwarder(real.Port);
        var throughLateServer = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = late.Port, Pooling = false }.ConnectionString;
        var attempts = 0;

        var preparing = DatabasePreparation.PrepareAsync(
            new DatabaseOptions { ConnectionString = throughLateServer, StartupRetryBudget = TimeSpan.FromSeconds(60) },
            _ => Interlocked.Increment(ref attempts));
        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref attempts) >= 2), TimeSpan.FromSeconds(30),
            "two failed connection attempts while nothing listens");
        preparing.IsCompleted.ShouldBeFalse("nothing listens yet, so preparation must still be waiting");
        late.Start();
        var applied = await preparing.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        attempts.ShouldBeGreaterThanOrEqualTo(2, "the first attempts should have failed and been retried");
        applied.Count.ShouldBe(Migration.LoadEmbedded().Count);
    }

    [Fact]
    public async Task Prepare_WhenPostgreSqlNeverAnswers_GivesUpAfterItsBudget()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Port = TcpForwarder.FreePort() }.ConnectionString;
        var clock = Stopwatch.StartNew();

        await Should.ThrowAsync<TimeoutRejectedException>(() => DatabasePreparation.PrepareAsync(
            new DatabaseOptions { ConnectionString = nowhere, StartupRetryBudget = TimeSpan.FromSeconds(2) }, _ => { }));

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15), "the retry budget bounds all attempts together");
    }

    [Fact]
    public async Task Prepare_WithAWrongPassword_FailsAtOnceInsteadOfRetrying()
    {
        var wrong = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Password = "not-the-password" }.ConnectionString;
        var retries = 0;

        var error = await Should.ThrowAsync<PostgresException>(() => DatabasePreparation.PrepareAsync(
            new DatabaseOptions { ConnectionString = wrong, StartupRetryBudget = TimeSpan.FromSeconds(30) }, _ => retries++));

        error.SqlState.ShouldBe("28P01", "a password failure should surface as itself");
        retries.ShouldBe(0, "a wrong password will not fix itself, so it must not be retried");
    }
}
