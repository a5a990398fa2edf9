namespace IceCheckout.Messaging;

public interface IRpcClient
{
    /// <summary>
    /// Sends a request to the durable queue <paramref name="queue"/> and waits for the reply of one of its workers.
    /// Throws <see cref="RpcTimeoutException"/> when no reply comes within <paramref name="timeout"/>,
    /// <see cref="RpcRemoteException"/> when the worker reports a failure, and
    /// <see cref="MessagingUnavailableException"/> when the broker cannot be reached.
    /// </summary>
    Task<TResponse> CallAsync<TRequest, TResponse>(
        string queue,
        TRequest request,
        TimeSpan timeout,
        CancellationToken cancellationToken = default);
}
