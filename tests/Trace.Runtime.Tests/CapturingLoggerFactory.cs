using Microsoft.Extensions.Logging;

namespace Trace.Runtime.Tests;

/// <summary>One message the library logged.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId Event, string Message);

/// <summary>Keeps what the library logs, for tests that check its warnings.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public List<LogEntry> Entries { get; } = [];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Entries) owner.Entries.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
        }
    }
}
