using System.Diagnostics;

namespace Com.Tests.Infrastructure;

/// <summary>Retries a probe of another process until its answer satisfies a condition or time runs out.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value) || clock.Elapsed > timeout)
                    return value;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or TimeoutException or OrleansException)
            {
                last = e;
                if (clock.Elapsed > timeout)
                    throw new TimeoutException($"still failing after {timeout}", last);
            }
            await Task.Delay(500);
        }
    }
}
