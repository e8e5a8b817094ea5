using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Com.Silo.Hosting;

/// <summary>Orleans' and ASP.NET Core's meters and traces, pushed to an OTLP collector when one is configured.</summary>
public static class TelemetryHosting
{
    public static WebApplicationBuilder AddComTelemetry(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(TelemetrySettings.Section).Get<TelemetrySettings>() ?? new TelemetrySettings();
        if (settings.OtlpEndpoint is null)
            return builder;

        var silo = builder.Configuration[$"{ClusterSettings.Section}:SiloName"] ?? Environment.MachineName;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("com", serviceInstanceId: $"{silo}:{Environment.ProcessId}"))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    Point(exporter, settings, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.ExportInterval.TotalMilliseconds;
                }))
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(exporter => Point(exporter, settings, "v1/traces")));
        return builder;
    }

    private static void Point(OtlpExporterOptions exporter, TelemetrySettings settings, string httpPath)
    {
        if (settings.Protocol == "grpc")
        {
            exporter.Protocol = OtlpExportProtocol.Grpc;
            exporter.Endpoint = settings.OtlpEndpoint!;
            return;
        }
        // Over HTTP each signal has its own path below the collector's address.
        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = new Uri(settings.OtlpEndpoint!, httpPath);
    }
}
