using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Com.Tests.Infrastructure;

/// <summary>A logger that keeps what it was given, exception included, for tests about what operators get to see.</summary>
public sealed class CapturingLogger : ILogger
{
    public sealed record Entry(LogLevel Level, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Entry> entries = new();

    public IReadOnlyList<Entry> Entries => [.. entries];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue(new Entry(logLevel, formatter(state, exception), exception));
}
