using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Com.Harness.Tunnels;

/// <summary>
/// What a support engineer typing in one tunnel feels while another tunnel to the same system copies in bulk: round
/// trips of a few bytes to an echo server behind the system, idle and then with iperf3 running through COM beside them.
/// </summary>
public sealed class InteractiveUnderBulk(Func<Task<Stream>> openTunnel, Func<Task> bulk, TextWriter log)
{
    private const int Warmup = 100;
    private const int Samples = 1000;
    private static readonly byte[] Keystroke = "ls -l\n"u8.ToArray();

    public async Task<(double IdleP99, double BulkP99, double IdleMedian, double BulkMedian)> MeasureAsync()
    {
        await using var tunnel = await openTunnel();
        await RoundTripsAsync(tunnel, Warmup, null);
        var idle = await RoundTripsAsync(tunnel, Samples, null);
        var bulkRun = bulk();
        // The bulk copy is under way before the first sample, and the samples stop when it does.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var busy = await RoundTripsAsync(tunnel, Samples, bulkRun);
        await bulkRun;
        if (busy.Count < Samples / 2)
            throw new InvalidOperationException($"only {busy.Count} round trips fitted in the bulk copy; make it longer");
        var result = (Percentile(idle, 99), Percentile(busy, 99), Percentile(idle, 50), Percentile(busy, 50));
        log.WriteLine($"  interactive round trips: idle median {result.Item3:0.00} ms, p99 {result.Item1:0.00} ms; " +
                      $"beside a bulk copy median {result.Item4:0.00} ms, p99 {result.Item2:0.00} ms ({busy.Count} samples)");
        return result;
    }

    private static async Task<List<double>> RoundTripsAsync(Stream tunnel, int count, Task? until)
    {
        var times = new List<double>(count);
        var answer = new byte[Keystroke.Length];
        for (var i = 0; i < count && until?.IsCompleted != true; i++)
        {
            var watch = Stopwatch.StartNew();
            await tunnel.WriteAsync(Keystroke);
            await tunnel.FlushAsync();
            await tunnel.ReadExactlyAsync(answer);
            times.Add(watch.Elapsed.TotalMilliseconds);
            // A person types a few keys a second, not back to back.
            await Task.Delay(5);
        }
        return times;
    }

    private static double Percentile(List<double> values, double percent) => Statistics.Percentile(values, percent);

    /// <summary>A loopback echo server: every byte it reads goes back at once.</summary>
    public sealed class EchoServer : IAsyncDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly Task accepting;

        public EchoServer()
        {
            listener.Start();
            accepting = AcceptAsync();
        }

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await listener.AcceptTcpClientAsync();
                    client.NoDelay = true;
                    _ = EchoAsync(client);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopped.
            }
        }

        private static async Task EchoAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                var buffer = new byte[4096];
                try
                {
                    int read;
                    while ((read = await stream.ReadAsync(buffer)) > 0)
                        await stream.WriteAsync(buffer.AsMemory(0, read));
                }
                catch (IOException)
                {
                    // The tunnel ended.
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            listener.Stop();
            await accepting;
        }
    }
}
