using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Com.Tests.Infrastructure;

/// <summary>
/// The one way tests wait: probe something until it satisfies a condition, or fail saying what was awaited and what
/// was seen last. No test sleeps for a fixed time and then looks.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often a probe is repeated. The things probed (another process, a grain, a page) offer no signal to await,
    /// so a short pause between looks keeps the probing from competing with what it waits for on two shared cores.
    /// </summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Repeats <paramref name="probe"/> until <paramref name="done"/> holds for its answer and returns that answer.
    /// Transient failures of the probe (a process not listening yet, a silo failing over) count as "not yet".
    /// </summary>
    /// <exception cref="TimeoutException">Naming <paramref name="what"/> (by default the condition's source text) and the last value or failure seen.</exception>
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null,
        [CallerArgumentExpression(nameof(done))] string what = "")
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(PollInterval);
        var seen = "nothing yet";
        Exception? failure = null;
        while (true)
        {
            try
            {
                var value = await probe();
                if (done(value))
                    return value;
                seen = Describe(value);
                failure = null;
            }
            catch (Exception e) when (IsTransient(e))
            {
                failure = e;
            }
            if (clock.Elapsed > limit)
                throw new TimeoutException(
                    $"waited {limit.TotalSeconds:0.#} s for {what}; last " + (failure is null ? $"value seen: {seen}" : $"failure: {failure.GetType().Name}: {failure.Message}"),
                    failure);
            await poll.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true; fails naming <paramref name="what"/>.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, [CallerArgumentExpression(nameof(condition))] string what = "") =>
        GetAsync(condition, value => value, timeout, what);

    /// <summary>Waits for a task a test double completes (a <see cref="TaskCompletionSource"/>); fails naming <paramref name="what"/>.</summary>
    public static async Task<T> CompletesAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        try
        {
            return await task.WaitAsync(limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"waited {limit.TotalSeconds:0.#} s for {what}; it never happened", e);
        }
    }

    /// <summary>
    /// For a claim that something does NOT happen, when nothing marks the moment it would have: looks again and again
    /// for <paramref name="during"/> and fails at the first look that breaks the claim, with the value seen.
    /// </summary>
    public static async Task StaysAsync<T>(Func<Task<T>> probe, Func<T, bool> holds, TimeSpan during,
        [CallerArgumentExpression(nameof(holds))] string what = "")
    {
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(PollInterval);
        do
        {
            var value = await probe();
            if (!holds(value))
                throw new ShouldAssertException($"expected {what} to hold for {during.TotalSeconds:0.#} s; after {clock.Elapsed.TotalSeconds:0.#} s saw: {Describe(value)}");
        }
        while (clock.Elapsed < during && await poll.WaitForNextTickAsync(TestContext.Current.CancellationToken));
    }

    private static bool IsTransient(Exception e) =>
        e is HttpRequestException or TaskCanceledException or TimeoutException or OrleansException or Npgsql.NpgsqlException;

    private static string Describe<T>(T value) =>
        value?.ToString() is not { } text ? "null" : text.Length > 2000 ? text[..2000] + "…" : text;
}
