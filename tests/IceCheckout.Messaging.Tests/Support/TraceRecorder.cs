using System.Diagnostics;

namespace IceCheckout.Messaging.Tests.Support;

/// <summary>Samples every IceCheckout span while it lives and keeps the finished ones.</summary>
public sealed class TraceRecorder : IDisposable
{
    public static readonly ActivitySource TestSource = new("IceCheckout.Messaging.Tests");

    private readonly ActivityListener _listener;

    public TraceRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("IceCheckout.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Stopped.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public Received<Activity> Stopped { get; } = new();

    public void Dispose() => _listener.Dispose();
}
