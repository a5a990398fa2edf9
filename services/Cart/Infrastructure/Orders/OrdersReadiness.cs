namespace IceCheckout.Cart.Infrastructure.Orders;

/// <summary>Set once the orders database is migrated; checkout, the outbox relay and the reconciler wait for it.</summary>
public sealed class OrdersReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public string? LastError { get; set; }

    public void MarkReady() => _ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);
}
