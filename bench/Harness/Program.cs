using Com.Harness;
using Com.Harness.Backups;
using Com.Harness.Baselines;
using Com.Harness.Cluster;
using Com.Harness.Scenarios;

// ./com bench <scenario>: see bench/README.md. "baseline-ws" is the bare Kestrel server the harness starts as a child.
if (args is ["baseline-ws", var address, var port, var certificate])
{
    await EchoLinkServer.RunAsync(address, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture), certificate);
    return 0;
}
var options = HarnessOptions.Parse(args);
if (options.Problem is { } problem)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(HarnessOptions.Usage);
    return 2;
}
var environment = BenchEnvironment.FromVariables();
var results = new List<Measurement>();
var failed = false;
if (options.Backups)
{
    try
    {
        results.AddRange(await BackupRuns.RunAsync(options, environment, Console.Out));
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or Npgsql.NpgsqlException)
    {
        Console.Error.WriteLine($"{options.Scenario} failed: {e}");
        failed = true;
    }
}
if (options.Tunnels)
{
    try
    {
        results.AddRange(await new Com.Harness.Tunnels.TunnelThroughput(environment, options.RunCount, Console.Out).RunAsync());
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException or Npgsql.NpgsqlException)
    {
        Console.Error.WriteLine($"{options.Scenario} failed: {e}");
        failed = true;
    }
}
foreach (var (plan, topology) in options.Runs())
{
    try
    {
        results.AddRange(await new ScaleRun(environment, topology, plan, Console.Out).RunAsync());
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
    {
        // One fleet size failing must not hide the others' figures; the exit code still says it failed.
        Console.Error.WriteLine($"{plan.Customers} customers failed: {e.Message}");
        failed = true;
    }
    if (options.Placements == HarnessOptions.Placement.Both || topology.AcrossHosts)
        Console.WriteLine(topology.AcrossHosts ? "(the rows above ran across network namespaces)" : "");
}
if (options.Smoke && !await BackupRuns.SmokeAsync(environment, Console.Out))
    failed = true;
var table = ResultsTable.Render([.. ProvisioningRate.Compared(results)], $"./com bench {string.Join(' ', args)}", options.PlacementText);
Console.WriteLine();
Console.WriteLine(table);
if (!options.Smoke && results.Count > 0)
    ResultsTable.Append(environment.Report, table);
return failed ? 1 : 0;
