using Com.Grains.Interfaces.Customers;
using Com.Grains.RemoteSupport;
using Com.Storage.RemoteSupport;
using Com.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Com.Tests.Grains.RemoteSupport;

/// <summary>A customer's save must not fail because its reseller's proxy account could not be created (SPEC RS-1).</summary>
[Trait("Category", "Unit")]
public sealed class ProxyAccountCreationTests
{
    [Fact]
    public async Task ADatabaseThatCannotBeReached_IsLoggedWithItsCause_AndNotThrown()
    {
        // Port 1 on loopback refuses at once: no server, no wait.
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=2;Pooling=false");
        var logger = new CapturingLogger();
        var record = new CustomerRecord("cust1", "Customer", "COMAdmin", "Acme", "Globex", null, null);

        await ProxyAccountCreation.EnsureAsync(new ProxyAccountStore(unreachable), record, logger);

        var entry = logger.Entries.ShouldHaveSingleItem("the failure is logged once");
        entry.Level.ShouldBe(LogLevel.Error);
        entry.Message.ShouldContain("cust1");
        entry.Message.ShouldContain("Acme");
        entry.Exception.ShouldBeAssignableTo<NpgsqlException>("the cause travels with the log entry");
    }

    [Fact]
    public async Task ACustomerNamingNeitherResellerNorDistributor_TouchesNoDatabase()
    {
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Timeout=2;Pooling=false");
        var logger = new CapturingLogger();

        await ProxyAccountCreation.EnsureAsync(new ProxyAccountStore(unreachable), new CustomerRecord("cust2", "Customer", "COMAdmin", " ", null, null, null), logger);

        logger.Entries.ShouldBeEmpty();
    }
}
