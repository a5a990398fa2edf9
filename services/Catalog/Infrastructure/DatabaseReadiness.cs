namespace IceCheckout.Catalog.Infrastructure;

/// <summary>Completes once the schema is migrated and the seed applied; until then the API answers 503 and health says Unhealthy.</summary>
public sealed class DatabaseReadiness
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsReady => _ready.Task.IsCompleted;

    public string? LastError { get; set; }

    public void MarkReady() => _ready.TrySetResult();

    public Task WaitAsync(CancellationToken cancellationToken) => _ready.Task.WaitAsync(cancellationToken);
}
