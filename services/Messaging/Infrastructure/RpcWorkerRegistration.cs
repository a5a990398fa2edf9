using Microsoft.Extensions.DependencyInjection;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>One RPC queue this service answers: its concurrency and how a request body becomes a reply body.</summary>
internal sealed record RpcWorkerRegistration(
    string Queue,
    ushort MaxConcurrency,
    Func<IServiceProvider, ReadOnlyMemory<byte>, CancellationToken, Task<byte[]>> HandleAsync)
{
    public static RpcWorkerRegistration For<TRequest, TResponse>(string queue, ushort maxConcurrency) =>
        new(queue, maxConcurrency, async (services, body, cancellationToken) =>
        {
            var request = MessagingJson.Deserialize<TRequest>(body);
            await using var scope = services.CreateAsyncScope();
            var handler = scope.ServiceProvider.GetRequiredService<IRpcHandler<TRequest, TResponse>>();
            var response = await handler.HandleAsync(request, cancellationToken);
            return MessagingJson.Serialize(response);
        });
}
