using System.Text;
using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class EventTests(RabbitMqServer broker)
{
    private const string RoutingKey = "test.product.changed";
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledEvent> _received = new();

    private string Queue => _names.EventQueue(RoutingKey);

    private async Task<IHost> StartSubscriberAsync()
    {
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>(),
            services => services.AddSingleton(_received));
        await broker.WaitForQueueConsumersAsync(Queue, 1);
        return host;
    }

    private async Task<IHost> StartPublisherAsync()
    {
        var host = await MessagingHost.StartAsync(broker.ConnectionString, _names, serviceName: "publisher");
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        return host;
    }

    [Fact]
    public async Task Published_event_is_consumed()
    {
        using var host = await StartSubscriberAsync();

        var published = new ProductChangedIntegrationEvent("Melona");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);

        var handled = await _received.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(published, handled.Event);
        await host.StopAsync();
    }

    [Fact]
    public async Task Published_message_is_persistent_json_with_the_event_id_and_routing_key()
    {
        using var publisher = await StartPublisherAsync();
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(_names.Exchange, ExchangeType.Topic, durable: true);
        var probe = (await channel.QueueDeclareAsync($"{_names.Prefix}.probe", durable: false, exclusive: false, autoDelete: false)).QueueName;
        await channel.QueueBindAsync(probe, _names.Exchange, RoutingKey);

        var published = new ProductChangedIntegrationEvent("Bravo Cone");
        await publisher.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);

        var message = await broker.WaitForMessageAsync(probe);
        Assert.Equal(published.Id.ToString(), message.BasicProperties.MessageId);
        Assert.Equal(RoutingKey, message.BasicProperties.Type);
        Assert.Equal("application/json", message.BasicProperties.ContentType);
        Assert.Equal(DeliveryModes.Persistent, message.BasicProperties.DeliveryMode);
        Assert.Contains("\"name\":\"Bravo Cone\"", Encoding.UTF8.GetString(message.Body.Span), StringComparison.Ordinal);
        await publisher.StopAsync();
    }

    [Fact]
    public async Task Event_published_while_its_consumer_is_down_waits_in_the_queue_and_arrives_when_it_returns()
    {
        using (var firstRun = await StartSubscriberAsync())
        {
            await firstRun.StopAsync();
        }

        await broker.WaitForQueueConsumersAsync(Queue, 0);
        using var publisher = await StartPublisherAsync();
        var published = new ProductChangedIntegrationEvent("Screw Bar");
        await publisher.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);

        Assert.Equal(1u, await broker.MessageCountAsync(Queue));

        using var secondRun = await StartSubscriberAsync();
        var handled = await _received.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(published, handled.Event);

        await secondRun.StopAsync();
        await publisher.StopAsync();
    }

    [Fact]
    public async Task Failing_handler_is_retried_a_bounded_number_of_times_then_the_event_is_dead_lettered_while_others_flow()
    {
        using var host = await StartSubscriberAsync();
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        var failing = new ProductChangedIntegrationEvent("Poisoned Pop", FailHandling: true);
        var healthy = Enumerable.Range(1, 3).Select(i => new ProductChangedIntegrationEvent($"Fine {i}")).ToList();
        await publisher.PublishAsync(failing);
        foreach (var integrationEvent in healthy)
        {
            await publisher.PublishAsync(integrationEvent);
        }

        foreach (var integrationEvent in healthy)
        {
            await _received.WaitForAsync(h => h.Event.Id == integrationEvent.Id);
        }

        var deadLettered = await broker.WaitForMessageAsync(TestNames.DeadLetterQueue(Queue));
        Assert.Equal(failing.Id.ToString(), deadLettered.BasicProperties.MessageId);
        Assert.Equal(3, _received.Items.Count(h => h.Event.Id == failing.Id));

        // The consumer keeps going after dead-lettering.
        var later = new ProductChangedIntegrationEvent("Later");
        await publisher.PublishAsync(later);
        await _received.WaitForAsync(h => h.Event.Id == later.Id);
        Assert.Equal(3, _received.Items.Count(h => h.Event.Id == failing.Id));
        await host.StopAsync();
    }

    [Fact]
    public async Task Unreadable_event_goes_straight_to_the_dead_letter_queue()
    {
        using var host = await StartSubscriberAsync();
        var publisher = host.Services.GetRequiredService<IEventPublisher>();

        var unreadable = new OutgoingMessage(RoutingKey, Guid.NewGuid(), Encoding.UTF8.GetBytes("{not json"));
        await publisher.PublishAsync(unreadable);
        var readable = new ProductChangedIntegrationEvent("After the garbage");
        await publisher.PublishAsync(readable);

        await _received.WaitForAsync(h => h.Event.Id == readable.Id);
        var deadLettered = await broker.WaitForMessageAsync(TestNames.DeadLetterQueue(Queue));
        Assert.Equal(unreadable.MessageId.ToString(), deadLettered.BasicProperties.MessageId);
        Assert.Single(_received.Items);
        await host.StopAsync();
    }

    [Fact]
    public async Task Consumer_comes_back_after_its_queue_is_deleted_under_it()
    {
        using var host = await StartSubscriberAsync();
        await using (var connection = await broker.ConnectAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeleteAsync(Queue);
        }

        await broker.WaitForQueueConsumersAsync(Queue, 1);
        var published = new ProductChangedIntegrationEvent("After the cleanup");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);

        var handled = await _received.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(published, handled.Event);

        // Declared again as it was first: a quorum queue that dead-letters into its own dead-letter queue.
        var declared = await broker.RabbitMqCtlAsync(["list_queues", "name", "type", "arguments"]);
        var line = Assert.Single(declared.Split('\n'), l => l.StartsWith(Queue + "\t", StringComparison.Ordinal));
        Assert.Contains("\tquorum\t", line, StringComparison.Ordinal);
        Assert.Contains(_names.DeadLetterExchange, line, StringComparison.Ordinal);
        await host.StopAsync();
    }
}
