using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Outbox;

/// <summary>Wakes the relay right after a local commit, so events do not wait for the next poll.</summary>
public sealed class OutboxSignal : IAfterCommit, IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer woke the relay a moment earlier; one wake-up is enough.
            }
        }
    }

    public Task ChangesCommittedAsync(DbContext context, CancellationToken cancellationToken)
    {
        Notify();
        return Task.CompletedTask;
    }

    public void Dispose() => _signal.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);
}
