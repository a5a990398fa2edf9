using IceCheckout.Messaging.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging;

/// <summary>Adds event handlers, the RPC client and RPC workers to a service that uses RabbitMQ messaging.</summary>
public sealed class MessagingBuilder(IHostApplicationBuilder builder)
{
    public IServiceCollection Services => builder.Services;

    /// <summary>Consumes <typeparamref name="TEvent"/> from a durable queue of this service bound to its routing key.</summary>
    public MessagingBuilder AddEventHandler<TEvent, THandler>()
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        var routingKey = RoutingKeys.Of(typeof(TEvent));
        if (Services.Any(s => s.ServiceType == typeof(EventSubscription) && s.ImplementationInstance is EventSubscription e && e.RoutingKey == routingKey))
        {
            throw new InvalidOperationException($"A handler for '{routingKey}' is already registered; one handler per event and service.");
        }

        Services.AddScoped<IIntegrationEventHandler<TEvent>, THandler>();
        Services.AddSingleton(EventSubscription.For<TEvent>(routingKey));
        Services.AddHostedService<EventConsumerService>();
        return this;
    }

    /// <summary>
    /// Names the services that consume <typeparamref name="TEvent"/> (their <c>Messaging:ServiceName</c>). The publisher
    /// declares their queues before its first message, so an event published before a subscriber ever ran waits for it.
    /// </summary>
    public MessagingBuilder DeclareSubscribers<TEvent>(params string[] serviceNames) where TEvent : IntegrationEvent
    {
        var routingKey = RoutingKeys.Of(typeof(TEvent));
        foreach (var serviceName in serviceNames)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
            Services.AddSingleton(new SubscriberQueue(serviceName, routingKey));
        }

        return this;
    }

    /// <summary>Registers <see cref="IRpcClient"/>.</summary>
    public MessagingBuilder AddRpcClient()
    {
        Services.TryAddSingleton<RabbitMqRpcClient>();
        Services.TryAddSingleton<IRpcClient>(sp => sp.GetRequiredService<RabbitMqRpcClient>());
        return this;
    }

    /// <summary>
    /// Answers requests from the durable queue <paramref name="queue"/>, up to <paramref name="maxConcurrency"/> at once.
    /// Several instances of the service on the same queue share its load.
    /// </summary>
    public MessagingBuilder AddRpcWorker<TRequest, TResponse, THandler>(string queue, int maxConcurrency = 8)
        where THandler : class, IRpcHandler<TRequest, TResponse>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxConcurrency, ushort.MaxValue);

        Services.AddScoped<IRpcHandler<TRequest, TResponse>, THandler>();
        Services.AddSingleton(RpcWorkerRegistration.For<TRequest, TResponse>(queue, (ushort)maxConcurrency));
        Services.AddHostedService<RpcWorkerService>();
        return this;
    }
}
