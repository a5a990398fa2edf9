using System.Collections.Concurrent;

namespace IceCheckout.Messaging.Tests.Support;

/// <summary>What test handlers saw, with a way to wait for a particular item.</summary>
public sealed class Received<T>
{
    private readonly ConcurrentQueue<T> _items = new();
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Signal)> _waiters = [];
    private readonly Lock _lock = new();

    public IReadOnlyCollection<T> Items => _items;

    public void Add(T item)
    {
        _items.Enqueue(item);
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToList())
            {
                waiter.Signal.TrySetResult(item);
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until an item matching <paramref name="match"/> arrived (or already had).</summary>
    public Task<T> WaitForAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            foreach (var item in _items)
            {
                if (match(item))
                {
                    return Task.FromResult(item);
                }
            }

            _waiters.Add((match, signal));
        }

        return signal.Task.WaitAsync(timeout ?? MessagingHost.Patience);
    }
}
