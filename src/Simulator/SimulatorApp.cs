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
        // Checked before provisioning, so a wrong path, address or certificate does not leave freshly created customers behind.
        using var stats = options.StatsPath is { } statsPath ? StatsFile.Create(statsPath) : null;
        if (options.LedgerPath is { } ledgerPath)
            LedgerFile.CheckWritable(ledgerPath);
        await LinkProbe.CheckAnyAsync(options.Links, trusted, log, ct);
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
        if (options.ProvisionOnly)
        {
            log.WriteLine($"{fleet.Count} customers are in {options.FleetFile}; not linking (--provision-only).");
            return;
        }
        var alarms = new FleetAlarms(plan.Customers.Count, new FleetCounters(plan.Customers.Count));
        using var files = FilesClient.Create(trusted);
        var commands = new CommandSettings(
            files, new ConfigurationClock(TimeProvider.System, options.ConfigChangePeriod), options.BackupSize, options.BackupFaults, options.TimeZone);
        var environment = new DeviceEnvironment(options.Links, trusted, ReconnectPipeline.Create(),
            alarms, new RefusalTally(log), options.AlarmsPerMinute, log, commands, options.TunnelMapPath is { } map ? LoadTunnelMap(map) : null);
        var webManagers = new List<WebManagerStandIn>();
        try
        {
            foreach (var port in options.WebManagerPorts)
                webManagers.Add(new WebManagerStandIn(port));
            var bench = BenchFor(options, plan, fleet, alarms, stats, log);
            await new FleetRunner(plan, fleet, environment, options.ConnectsPerSecond, bench).RunAsync(ct);
        }
        finally
        {
            foreach (var webManager in webManagers)
                await webManager.DisposeAsync();
        }
    }

    private static BenchRun BenchFor(SimulatorOptions options, FleetPlan plan, IReadOnlyDictionary<string, FleetEntry> fleet,
        FleetAlarms alarms, StatsFile? stats, TextWriter log)
    {
        var progress = new StormProgress(planned: options.AlarmStorm is not null);
        var storm = options.AlarmStorm is { } stormPlan ? new StormRunner(stormPlan, plan.Customers, alarms, progress, stats, log) : null;
        var ledger = options.LedgerPath is { } ledgerPath
            ? LedgerFile.For(ledgerPath, plan.Customers.Select(c => fleet[c.Name].CustomerId).ToList(), alarms)
            : null;
        return new BenchRun(storm, options.StormWait, new BenchReporter(stats, ledger, alarms, progress, log), log);
    }

    private static TunnelMap LoadTunnelMap(string path)
    {
        try
        {
            return TunnelMap.Load(path);
        }
        catch (Exception e) when (e is IOException or FormatException or UnauthorizedAccessException)
        {
            throw new SimulatorException($"The tunnel map {path} cannot be used: {e.Message}", e);
        }
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
