namespace Com.Silo.Hosting;

public sealed class TelemetrySettings
{
    public const string Section = "Com:Telemetry";

    /// <summary>OTLP collector to push metrics and traces to; nothing is exported when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
