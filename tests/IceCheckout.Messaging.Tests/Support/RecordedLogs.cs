using Microsoft.Extensions.Logging;

namespace IceCheckout.Messaging.Tests.Support;

/// <summary>Every log entry of a host, at every level, with a way to wait for a particular one.</summary>
public sealed class RecordedLogs : ILoggerProvider
{
    public Received<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new RecordingLogger(Messages);

    public void Dispose()
    {
    }

    private sealed class RecordingLogger(Received<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Add(formatter(state, exception));
    }
}
