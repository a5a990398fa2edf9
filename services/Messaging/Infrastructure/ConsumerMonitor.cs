using System.Collections.Concurrent;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>Which consumers of this service should be running and whether each is; the health check reads it.</summary>
internal sealed class ConsumerMonitor
{
    private readonly ConcurrentDictionary<string, Func<bool>> _consumers = new();

    public void Consuming(string name, Func<bool> isConsuming) => _consumers[name] = isConsuming;

    public void Lost(string name) => _consumers[name] = static () => false;

    public void Stopped(string name) => _consumers.TryRemove(name, out _);

    /// <summary>The consumers that should run but do not (dropped by the broker, not yet set up again).</summary>
    public IReadOnlyList<string> NotConsuming() => [.. _consumers.Where(c => !c.Value()).Select(c => c.Key).Order(StringComparer.Ordinal)];
}
