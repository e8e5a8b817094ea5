using System.Runtime.InteropServices;

namespace Com.Simulator;

/// <summary>Cancels the run on Ctrl-C, SIGTERM or when the duration is up; a second Ctrl-C ends the process at once.</summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;

    public StopSignal(TimeSpan duration)
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        if (duration > TimeSpan.Zero)
            _stop.CancelAfter(duration);
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // The first signal stops the devices cleanly; a second one lets the runtime end the process.
        context.Cancel = !_stop.IsCancellationRequested;
        _stop.Cancel();
    }
}
