using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Com.Silo.Hosting;

/// <summary>Writes a readiness report as small JSON, without exception details (those go to the server log).</summary>
internal static class HealthReportWriter
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
