using System.Globalization;
using Com.Grains.Accounts;

namespace Com.Silo.Hosting;

/// <summary>
/// Lets an end-to-end test move the clock lockouts and expiry are judged by, in a silo it runs as a separate process:
/// the offset is read from a file named in <c>Com:Testing:SecurityClockOffsetFile</c>. Unset in production, where the
/// security clock is the system clock.
/// </summary>
public static class SecurityClockForTests
{
    public const string Setting = "Com:Testing:SecurityClockOffsetFile";

    public static WebApplicationBuilder AddSecurityClockOffsetForTests(this WebApplicationBuilder builder)
    {
        var file = builder.Configuration[Setting];
        if (!string.IsNullOrWhiteSpace(file))
            builder.Services.AddSingleton(new SecurityClock(new FileOffsetTimeProvider(file)));
        return builder;
    }

    /// <summary>System time plus the <see cref="TimeSpan"/> written in a file (none while the file is absent or unreadable).</summary>
    private sealed class FileOffsetTimeProvider(string file) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset();

        private TimeSpan Offset()
        {
            try
            {
                return TimeSpan.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, out var offset) ? offset : TimeSpan.Zero;
            }
            catch (IOException)
            {
                return TimeSpan.Zero;
            }
        }
    }
}
