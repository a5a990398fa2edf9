using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IceCheckout.Catalog.Model;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class OutboxTests(CatalogServers servers)
{
    private const string Exchange = "icecheckout.events";

    [Fact]
    public async Task A_change_made_while_the_broker_is_down_is_published_once_after_it_returns()
    {
        await using var app = await CatalogApp.StartAsync(servers);
        await using var consumer = await EventConsumer.StartAsync(app.Messaging);
        var staff = app.CreateStaffClient();
        var product = await CatalogApp.GetProductAsync(staff, "BG-CON-001");

        await servers.RabbitMq.StopAsync();
        try
        {
            var response = await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(1700));
            response.EnsureSuccessStatusCode();
        }
        finally
        {
            await servers.RabbitMq.StartAsync();
        }

        var published = await consumer.WaitForAsync(
            e => e.RoutingKey == "catalog.product.upserted" && e.Body.GetProperty("productId").GetInt32() == product.Id && e.Body.GetProperty("price").GetInt32() == 1700,
            TimeSpan.FromSeconds(60));
        Assert.Equal(product.Version + 1, published.Body.GetProperty("version").GetInt32());

        // Another change after recovery flushes the relay once more; the first change must still have been seen exactly once.
        await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(1800));
        await consumer.WaitForAsync(e => e.RoutingKey == "catalog.product.upserted" && e.Body.GetProperty("price").GetInt32() == 1800, TimeSpan.FromSeconds(30));
        Assert.Single(consumer.Received, e => e.MessageId == published.MessageId);
        Assert.Single(consumer.Received, e => e.Body.GetProperty("productId").GetInt32() == product.Id && e.Body.GetProperty("price").GetInt32() == 1700);
    }

    [Fact]
    public async Task Deleting_a_product_publishes_its_deleted_event()
    {
        await using var app = await CatalogApp.StartAsync(servers);
        await using var consumer = await EventConsumer.StartAsync(app.Messaging);
        var staff = app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff);

        await staff.DeleteAsync($"/api/catalog/admin/products/{product.Id}");

        var deleted = await consumer.WaitForAsync(e => e.RoutingKey == "catalog.product.deleted", TimeSpan.FromSeconds(30));
        Assert.Equal(product.Sku, deleted.Body.GetProperty("sku").GetString());
    }

    [Fact]
    public async Task A_paid_event_delivered_twice_through_the_broker_decrements_once()
    {
        await using var app = await CatalogApp.StartAsync(servers);
        var staff = app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 9));
        var paid = new
        {
            id = Guid.NewGuid(),
            createdAt = DateTimeOffset.UtcNow,
            orderId = Guid.NewGuid(),
            lines = new[] { new { productId = product.Id, sku = product.Sku, quantity = 2 } },
            total = product.Price * 2,
        };

        var factory = new ConnectionFactory { Uri = new Uri(app.Messaging) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await WaitForQueueAsync(channel, "icecheckout.catalog.orders.order.paid");
            var body = JsonSerializer.SerializeToUtf8Bytes(paid, JsonSerializerOptions.Web);
            var properties = new BasicProperties { MessageId = paid.id.ToString(), ContentType = "application/json", Persistent = true };
            await channel.BasicPublishAsync(Exchange, "orders.order.paid", mandatory: false, properties, body);
            await channel.BasicPublishAsync(Exchange, "orders.order.paid", mandatory: false, properties, body);
        }

        // The stock reaches 7 and stays there.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await CatalogApp.GetProductAsync(staff, product.Sku)).Stock != 7 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        await Task.Delay(1000);
        Assert.Equal(7, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
    }

    private static async Task WaitForQueueAsync(IChannel channel, string queue)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await channel.QueueDeclarePassiveAsync(queue);
                return;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException) when (attempt < 100)
            {
                await Task.Delay(200);
            }
        }
    }

    public sealed record ReceivedEvent(string RoutingKey, string? MessageId, JsonElement Body);

    /// <summary>A plain RabbitMQ consumer of every catalog.product.* event, as Search or Cart would see them.</summary>
    private sealed class EventConsumer : IAsyncDisposable
    {
        private readonly IConnection _connection;
        private readonly IChannel _channel;

        private EventConsumer(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

        public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

        public static async Task<EventConsumer> StartAsync(string uri)
        {
            var factory = new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = true, NetworkRecoveryInterval = TimeSpan.FromSeconds(1) };
            var connection = await factory.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync();
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
            var queue = $"test.catalog-events.{Guid.NewGuid():N}";
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(queue, Exchange, "catalog.product.*");
            var consumer = new EventConsumer(connection, channel);
            var basic = new AsyncEventingBasicConsumer(channel);
            basic.ReceivedAsync += async (_, delivery) =>
            {
                var body = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.Clone();
                consumer.Received.Enqueue(new ReceivedEvent(delivery.RoutingKey, delivery.BasicProperties.MessageId, body));
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            };
            await channel.BasicConsumeAsync(queue, autoAck: false, basic);
            return consumer;
        }

        public async Task<ReceivedEvent> WaitForAsync(Func<ReceivedEvent, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                if (Received.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"No matching event within {timeout}; received {Received.Count}: {string.Join(", ", Received.Select(e => e.RoutingKey))}");
        }

        public async ValueTask DisposeAsync()
        {
            await _channel.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
