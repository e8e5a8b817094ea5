using Com.Grains.Jobs;

namespace Com.Silo.Hosting;

/// <summary>
/// Lets an end-to-end test create jobs in a silo it runs as a separate process before COM's own operations (backup,
/// restore, upgrade) exist: <c>Com:Testing:JobOperation</c> names an operation that succeeds at once on every customer.
/// Unset in production, where only real operations are registered.
/// </summary>
public static class JobOperationForTests
{
    public const string Setting = "Com:Testing:JobOperation";

    public static WebApplicationBuilder AddJobOperationForTests(this WebApplicationBuilder builder)
    {
        var name = builder.Configuration[Setting];
        if (!string.IsNullOrWhiteSpace(name))
            builder.Services.AddSingleton<IJobOperation>(new SucceedingOperation(name));
        return builder;
    }

    private sealed class SucceedingOperation(string name) : IJobOperation
    {
        public string Name => name;

        public Task<OperationOutcome> RunAsync(JobRun job, string customerId, CancellationToken cancellationToken) =>
            Task.FromResult(OperationOutcome.Success);
    }
}
