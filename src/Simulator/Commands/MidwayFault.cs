namespace Com.Simulator;

/// <summary>
/// Tears a transfer about half way when the device's <c>--backup-fault</c> says so. It throws from inside the
/// stream the transfer goes through, which is how a real failing disk or dying link ends an HTTP body.
/// </summary>
internal sealed class MidwayFault(CommandContext context, long expected)
{
    private readonly long _at = context.Fault is BackupFault.FailMidway or BackupFault.DisconnectMidway ? expected / 2 : long.MaxValue;

    public bool Struck { get; private set; }

    public void Check(long moved)
    {
        if (moved < _at || Struck)
            return;
        Struck = true;
        // The link goes first, so COM sees the drop and the torn transfer together, as when a system loses its network.
        if (context.Fault == BackupFault.DisconnectMidway)
            context.Client.Abort();
        throw new IOException($"Injected {BackupFaults.NameOf(context.Fault)} after {moved} bytes.");
    }

    public CommandOutcome Outcome() => context.Fault == BackupFault.DisconnectMidway
        ? new CommandOutcome(false, "link dropped during the transfer")
        : new CommandOutcome(false, $"disk full on {context.FailingServer}");
}
