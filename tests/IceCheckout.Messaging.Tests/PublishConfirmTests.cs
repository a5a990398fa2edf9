using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Tests;

/// <summary>Publishing returns only once the broker took the message: a nack is an error the caller sees.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class PublishConfirmTests(RabbitMqServer broker)
{
    private const string RoutingKey = "test.product.changed";
    private readonly TestNames _names = TestNames.Unique();

    [Fact]
    public async Task A_message_the_broker_refuses_with_a_nack_throws_and_the_publisher_keeps_working()
    {
        using var publisher = await MessagingHost.StartAsync(broker.ConnectionString, _names, serviceName: "publisher");
        await publisher.WaitForHealthAsync(HealthStatus.Healthy);
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(_names.Exchange, ExchangeType.Topic, durable: true);
        // A full queue that refuses new messages: the broker nacks what is routed to it.
        var full = $"{_names.Prefix}.full";
        await channel.QueueDeclareAsync(full, durable: true, exclusive: false, autoDelete: false, new Dictionary<string, object?>
        {
            ["x-max-length"] = 0,
            ["x-overflow"] = "reject-publish",
        });
        await channel.QueueBindAsync(full, _names.Exchange, RoutingKey);
        var events = publisher.Services.GetRequiredService<IEventPublisher>();

        var refused = await Assert.ThrowsAsync<MessagingUnavailableException>(() => events.PublishAsync(new ProductChangedIntegrationEvent("No room")));
        Assert.IsNotType<MessageUnroutableException>(refused);

        await channel.QueueDeleteAsync(full);
        var open = (await channel.QueueDeclareAsync($"{_names.Prefix}.open", durable: true, exclusive: false, autoDelete: false)).QueueName;
        await channel.QueueBindAsync(open, _names.Exchange, RoutingKey);
        var accepted = new ProductChangedIntegrationEvent("Room again");
        await events.PublishAsync(accepted);
        var message = await broker.WaitForMessageAsync(open);
        Assert.Equal(accepted.Id.ToString(), message.BasicProperties.MessageId);
        await publisher.StopAsync();
    }
}
