namespace IceCheckout.Outbox;

/// <summary>How the relay of <typeparamref name="TContext"/> waits until its database is migrated (given by the service).</summary>
public sealed class OutboxReadiness<TContext>(Func<CancellationToken, Task> waitAsync)
{
    public Task WaitAsync(CancellationToken cancellationToken) => waitAsync(cancellationToken);
}
