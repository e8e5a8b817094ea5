using Com.Simulator;

var parsed = OptionsParser.Parse(args, Environment.GetEnvironmentVariable("COM_PROVISIONING_TOKEN"));
if (parsed.ShowHelp)
{
    Console.Out.Write(Usage.Text);
    return 0;
}
if (parsed.Options is not { } options)
{
    Console.Error.WriteLine($"error: {parsed.Error}");
    Console.Error.WriteLine("Run with --help for the options.");
    return 1;
}

using var stop = new StopSignal(options.Duration);
try
{
    await SimulatorApp.RunAsync(options, Console.Out, stop.Token);
    return 0;
}
catch (SimulatorException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (stop.Token.IsCancellationRequested)
{
    // Stopped while still provisioning or probing: nothing is left running.
    return 0;
}
