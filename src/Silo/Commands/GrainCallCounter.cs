using Orleans.Providers;
using Orleans.Serialization.Configuration;

namespace Com.Silo.Commands;

/// <summary>
/// Counts the grain calls this silo receives, for the message rate of <c>./com status</c>. Orleans' own
/// <c>SiloRuntimeStatistics.ReceivedMessages</c> cannot serve: the listener that feeds it is never started (it reads 0
/// forever), and it would count bytes crossing the network only, missing every call between grains of one silo.
/// Read from outside through the management grain's <c>SendControlCommandToProvider</c>.
/// </summary>
public sealed class GrainCallCounter(ILocalSiloDetails silo) : IIncomingGrainCallFilter, IControllable
{
    public const string Name = "com-grain-calls";

    private long received;

    public Task Invoke(IIncomingGrainCallContext context)
    {
        Interlocked.Increment(ref received);
        return context.Invoke();
    }

    public Task<object?> ExecuteCommand(int command, object? arg) =>
        Task.FromResult<object?>(new SiloCallCount(silo.SiloAddress.ToParsableString(), Interlocked.Read(ref received)));
}

/// <summary>The grain calls a silo (by its parsable address) has received since it started.</summary>
[GenerateSerializer, Immutable, Alias("com.SiloCallCount.v1")]
public sealed record SiloCallCount([property: Id(0)] string Silo, [property: Id(1)] long Calls);

public static class GrainCallCounting
{
    /// <summary>One counter per silo, both the filter every call passes and the controllable the status command asks.</summary>
    public static ISiloBuilder AddGrainCallCounting(this ISiloBuilder silo) => silo.ConfigureServices(services => services
        .AllowGrainCallCountReads()
        .AddSingleton<GrainCallCounter>()
        .AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallCounter>())
        .AddKeyedSingleton<IControllable>(GrainCallCounter.Name, (sp, _) => sp.GetRequiredService<GrainCallCounter>()));

    /// <summary>
    /// The counter's type travels in the read request (it selects the controllable), and Orleans refuses to name a type
    /// nobody allowed: both the reader and the silos allow it.
    /// </summary>
    public static IServiceCollection AllowGrainCallCountReads(this IServiceCollection services) =>
        services.Configure<TypeManifestOptions>(o => o.AddAllowedType(typeof(GrainCallCounter)));

    /// <summary>Each active silo's count by address; fails when a silo does not answer or runs a build without the counter.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(IGrainFactory grains)
    {
        var answers = await grains.GetGrain<IManagementGrain>(0).SendControlCommandToProvider<GrainCallCounter>(GrainCallCounter.Name, 0);
        return answers.OfType<SiloCallCount>().ToDictionary(c => c.Silo, c => c.Calls);
    }
}
