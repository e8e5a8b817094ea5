using System.Security.Cryptography.X509Certificates;

namespace Com.Simulator;

/// <summary>One simulator run: trust, plan, check COM is there, provision, play the fleet.</summary>
internal static class SimulatorApp
{
    public static async Task RunAsync(SimulatorOptions options, TextWriter log, CancellationToken ct)
    {
        var trusted = LoadTrust(options.TrustPath);
        var plan = FleetPlan.Build(new FleetPlanOptions(
            options.Customers, options.MaxServers, OptionsParser.FaultPlanFor(options), options.Seed, options.NamePrefix));
        // Checked first, so a wrong address or certificate does not leave freshly created customers behind.
        await LinkProbe.CheckAsync(options.Link, trusted, ct);
        IReadOnlyDictionary<string, FleetEntry> fleet;
        try
        {
            fleet = await new FleetProvisioner(new FleetFile(options.FleetFile), options.Api, options.Token, trusted)
                .EnsureAsync(plan, log, ct);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new SimulatorException($"The fleet file {options.FleetFile} cannot be used: {e.Message}", e);
        }
        var environment = new DeviceEnvironment(options.Link, trusted, ReconnectPipeline.Create(),
            new FleetCounters(plan.Customers.Count), new RefusalTally(log), options.AlarmsPerMinute, log);
        await new FleetRunner(plan, fleet, environment, options.ConnectsPerSecond).RunAsync(ct);
    }

    private static X509Certificate2 LoadTrust(string path)
    {
        try
        {
            return PinnedCertificate.Load(path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new SimulatorException($"--trust: {e.Message} COM writes its certificate to .data/certs/com.crt.", e);
        }
    }
}
