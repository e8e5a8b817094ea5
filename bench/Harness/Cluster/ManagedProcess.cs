using System.Diagnostics;
using System.Text;

namespace Com.Harness.Cluster;

/// <summary>A child process whose output is kept (the tail, for error messages) and which is always stopped.</summary>
public sealed class ManagedProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process process;
    private readonly Queue<string> tail = new();

    public ManagedProcess(string name, ProcessStartInfo start, Action<string>? onLine = null)
    {
        Name = name;
        process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start");
        void Keep(string? line)
        {
            if (line is null)
                return;
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > KeptLines)
                    tail.Dequeue();
            }
            onLine?.Invoke(line);
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Tail()
    {
        lock (tail)
            return new StringBuilder().AppendJoin('\n', tail).ToString();
    }

    /// <summary>SIGKILL, as when a machine dies.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, then SIGKILL if it has not ended in time.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
            return;
        // SIGTERM lets a silo leave the cluster and the simulator close its links cleanly.
        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public Task WaitForExitAsync(CancellationToken ct) => process.WaitForExitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(20));
        process.Dispose();
    }
}
