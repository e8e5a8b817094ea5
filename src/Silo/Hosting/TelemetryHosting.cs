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

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("com", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = settings.OtlpEndpoint))
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = settings.OtlpEndpoint));
        return builder;
    }
}
