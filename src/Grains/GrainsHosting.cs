using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Com.Grains;

public static class GrainsHosting
{
    /// <summary>Services COM's grains depend on, whichever host runs them (silo or test cluster).</summary>
    public static ISiloBuilder AddComGrains(this ISiloBuilder silo)
    {
        silo.Services.TryAddSingleton(TimeProvider.System);
        return silo;
    }
}
