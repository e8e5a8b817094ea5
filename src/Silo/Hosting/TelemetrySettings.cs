using System.ComponentModel.DataAnnotations;

namespace Com.Silo.Hosting;

public sealed class TelemetrySettings
{
    public const string Section = "Com:Telemetry";

    /// <summary>OTLP collector to push metrics and traces to; nothing is exported when empty.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (collector port 4317) or <c>http/protobuf</c> (port 4318).</summary>
    [RegularExpression("^(grpc|http/protobuf)$")]
    public string Protocol { get; set; } = "grpc";

    /// <summary>How often metrics are pushed.</summary>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);
}
