namespace IceCheckout.Messaging;

/// <summary>Answers requests taken from an RPC queue. Many calls may run at once, up to the worker's concurrency.</summary>
public interface IRpcHandler<in TRequest, TResponse>
{
    Task<TResponse> HandleAsync(TRequest request, CancellationToken cancellationToken);
}
