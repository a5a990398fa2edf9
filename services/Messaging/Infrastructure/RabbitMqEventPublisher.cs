using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>
/// Publishes integration events as persistent, mandatory JSON messages and waits for the broker's confirm. Before its
/// first message it declares the queues of the subscribers it knows (<see cref="MessagingBuilder.DeclareSubscribers{TEvent}"/>).
/// </summary>
internal sealed class RabbitMqEventPublisher : IEventPublisher, IAsyncDisposable
{
    private readonly IOptions<MessagingOptions> _options;
    private readonly ConfirmingChannel _channel;

    public RabbitMqEventPublisher(RabbitMqConnection connection, IEnumerable<SubscriberQueue> subscribers, IOptions<MessagingOptions> options)
    {
        _options = options;
        var known = subscribers.ToList();
        _channel = new ConfirmingChannel(connection, options, async (channel, ct) =>
        {
            await channel.DeclareEventExchangeAsync(options.Value, ct);
            foreach (var subscriber in known)
            {
                var queue = MessagingOptions.QueueNameFor(subscriber.ServiceName, subscriber.RoutingKey);
                await channel.DeclareEventQueueAsync(queue, subscriber.RoutingKey, options.Value, ct);
            }
        });
    }

    public Task PublishAsync<TEvent>(TEvent integrationEvent, CancellationToken cancellationToken = default)
        where TEvent : IntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var eventType = integrationEvent.GetType();
        var body = JsonSerializer.SerializeToUtf8Bytes(integrationEvent, eventType, MessagingJson.Options);
        return PublishAsync(new OutgoingMessage(RoutingKeys.Of(eventType), integrationEvent.Id, body), cancellationToken);
    }

    public async Task PublishAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var exchange = _options.Value.ExchangeName;
        using var activity = MessageTracing.StartSend($"{message.RoutingKey} publish", ActivityKind.Producer, message.TraceParent, message.TraceState);
        activity?.SetTag("messaging.system", "rabbitmq");
        activity?.SetTag("messaging.destination.name", exchange);
        activity?.SetTag("messaging.rabbitmq.destination.routing_key", message.RoutingKey);
        activity?.SetTag("messaging.message.id", message.MessageId);

        var headers = new Dictionary<string, object?>();
        MessageTracing.Inject(activity, headers, message.TraceParent, message.TraceState);
        var properties = new BasicProperties
        {
            Persistent = true,
            MessageId = message.MessageId.ToString(),
            Type = message.RoutingKey,
            ContentType = MessagingJson.ContentType,
            Timestamp = new AmqpTimestamp(DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            Headers = headers,
        };

        try
        {
            await _channel.PublishAsync(exchange, message.RoutingKey, properties, message.Body, cancellationToken);
        }
        catch (MessagingUnavailableException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _channel.DisposeAsync();
}
