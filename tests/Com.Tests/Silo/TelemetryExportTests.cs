using System.Net;
using System.Text;
using Com.Tests.Infrastructure;

namespace Com.Tests.Silo;

[Trait("Category", "Process")]
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Silo_WithAnOtlpEndpoint_PushesOrleansMetricsToIt()
    {
        var port = TcpForwarder.FreePort();
        using var collector = new HttpListener();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        await using var database = new TestDatabase();
        await database.InitializeAsync();

        await using var silo = SiloProcess.Start(database.ConnectionString, "measured", settings: new Dictionary<string, string>
        {
            ["Com__Telemetry__OtlpEndpoint"] = $"http://127.0.0.1:{port}/",
            ["Com__Telemetry__Protocol"] = "http/protobuf",
            ["Com__Telemetry__ExportInterval"] = "00:00:01",
        });

        var received = await ReceiveMetricsAsync(collector, TimeSpan.FromSeconds(60));
        received.ShouldContain("Microsoft.Orleans", customMessage: "Orleans' meter should be among the exported metrics");
    }

    private static async Task<string> ReceiveMetricsAsync(HttpListener collector, TimeSpan timeout)
    {
        using var stop = new CancellationTokenSource(timeout);
        var seen = new StringBuilder();
        while (!stop.IsCancellationRequested)
        {
            var context = await collector.GetContextAsync().WaitAsync(stop.Token);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, stop.Token);
            context.Response.StatusCode = 200;
            context.Response.Close();
            if (context.Request.Url?.AbsolutePath != "/v1/metrics")
                continue;
            // Protobuf keeps strings as UTF-8 bytes, so meter names can be found without decoding the message.
            seen.Append(Encoding.UTF8.GetString(body.ToArray()));
            if (seen.ToString().Contains("Microsoft.Orleans", StringComparison.Ordinal))
                break;
        }
        return seen.ToString();
    }
}
