using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IceCheckout.Catalog.Model;
using IceCheckout.Testing;
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
        // Its own broker: stopping the collection's would pull it from under every other class's app.
        var broker = new RabbitMqServer();
        await broker.InitializeAsync();
        try
        {
            await ChangeWhileTheBrokerIsDownAsync(broker);
        }
        finally
        {
            await broker.DisposeAsync();
        }
    }

    private async Task ChangeWhileTheBrokerIsDownAsync(RabbitMqServer broker)
    {
        await using var app = new CatalogApp(await servers.MariaDb.CreateDatabaseAsync(), servers.Redis.ConnectionString, await broker.CreateVirtualHostAsync());
        await app.WaitUntilReadyAsync();
        await using var consumer = await EventConsumer.StartAsync(app.Messaging);
        var staff = app.CreateStaffClient();
        var product = await CatalogApp.GetProductAsync(staff, "BG-CON-001");

        await broker.StopAsync();
        try
        {
            var response = await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(1700));
            response.EnsureSuccessStatusCode();
        }
        finally
        {
            await broker.StartAsync();
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
    public async Task Every_kind_of_change_publishes_the_products_state_in_the_order_of_the_changes_with_the_changes_trace()
    {
        await using var app = await CatalogApp.StartAsync(servers);
        await using var consumer = await EventConsumer.StartAsync(app.Messaging);
        var staff = app.CreateStaffClient();
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        staff.DefaultRequestHeaders.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 10));
        (await staff.PostAsJsonAsync($"/api/catalog/admin/products/{product.Id}/stock-adjustments", new AdjustStockRequest(5, "delivery"))).EnsureSuccessStatusCode();
        using (var image = new ByteArrayContent(TestData.Png(32, 32)))
        {
            image.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            (await staff.PutAsync($"/api/catalog/admin/products/{product.Id}/image", image)).EnsureSuccessStatusCode();
        }

        var orderId = Guid.NewGuid();
        (await staff.PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(orderId, [new(product.Id, 2)]))).EnsureSuccessStatusCode();
        (await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(2100))).EnsureSuccessStatusCode();

        var last = await consumer.WaitForAsync(
            e => e.RoutingKey == "catalog.product.upserted" && e.Body.GetProperty("productId").GetInt32() == product.Id && e.Body.GetProperty("price").GetInt32() == 2100,
            TimeSpan.FromSeconds(60));
        var events = consumer.Received.Where(e => e.Body.GetProperty("productId").GetInt32() == product.Id).ToList();

        // Created, delivered, pictured, reserved, repriced: each change once, in the order made, each with the state it made.
        Assert.Equal(
            [(1, 10, false, 1200), (2, 15, false, 1200), (3, 15, true, 1200), (4, 13, true, 1200), (5, 13, true, 2100)],
            events.DistinctBy(e => e.MessageId).Select(e => (
                e.Body.GetProperty("version").GetInt32(),
                e.Body.GetProperty("stock").GetInt32(),
                e.Body.GetProperty("imageUrl").ValueKind == JsonValueKind.String,
                e.Body.GetProperty("price").GetInt32())));
        Assert.All(events, e => Assert.Equal("catalog.product.upserted", e.RoutingKey));
        Assert.All(events, e => Assert.Equal(e.Body.GetProperty("id").GetString(), e.MessageId));
        Assert.All(events, e => Assert.StartsWith($"00-{traceId}-", e.TraceParent, StringComparison.Ordinal));
        Assert.Equal(5, last.Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Two_instances_relaying_one_outbox_publish_every_row_once()
    {
        var database = await servers.MariaDb.CreateDatabaseAsync();
        var vhost = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var first = new CatalogApp(database, servers.Redis.ConnectionString, vhost);
        await using var second = new CatalogApp(database, servers.Redis.ConnectionString, vhost);
        await Task.WhenAll(first.WaitUntilReadyAsync(), second.WaitUntilReadyAsync());
        await using var consumer = await EventConsumer.StartAsync(vhost);
        var product = await TestData.CreateProductAsync(first.CreateStaffClient());
        var prices = Enumerable.Range(1, 30).Select(i => 1000 + i).ToList();

        // Both instances write rows and both relays run: each row must be claimed by one of them only.
        foreach (var price in prices)
        {
            var staff = (price % 2 == 0 ? first : second).CreateStaffClient();
            (await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}/price", new SetPriceRequest(price))).EnsureSuccessStatusCode();
        }

        await WaitUntilOutboxIsSentAsync(database);
        await consumer.WaitForAsync(
            _ => consumer.Received.Count(e => e.Body.GetProperty("productId").GetInt32() == product.Id) >= prices.Count + 1, TimeSpan.FromSeconds(60));
        var events = consumer.Received.Where(e => e.Body.GetProperty("productId").GetInt32() == product.Id).ToList();
        Assert.Equal(prices.Count + 1, events.Count);
        Assert.Equal(events.Count, events.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, prices.Count + 1), events.Select(e => e.Body.GetProperty("version").GetInt32()).Order());
    }

    [Fact]
    public async Task A_paid_order_without_reservation_publishes_the_lower_stock()
    {
        await using var app = await CatalogApp.StartAsync(servers);
        await using var consumer = await EventConsumer.StartAsync(app.Messaging);
        var staff = app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 6));

        await PublishPaidAsync(app, product, quantity: 4);

        var sold = await consumer.WaitForAsync(
            e => e.Body.GetProperty("productId").GetInt32() == product.Id && e.Body.GetProperty("stock").GetInt32() == 2, TimeSpan.FromSeconds(60));
        Assert.Equal("catalog.product.upserted", sold.RoutingKey);
        Assert.Equal(2, sold.Body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task The_seed_publishes_every_seeded_product()
    {
        await using var app = await CatalogApp.StartAsync(servers);
        // Search's queue, declared by Catalog before its first event, holds everything published since the start.
        await using var consumer = await EventConsumer.StartAsync(app.Messaging, existingQueue: "icecheckout.search.catalog.product.upserted");

        await consumer.WaitForAsync(_ => consumer.Received.Select(e => e.Body.GetProperty("productId").GetInt32()).Distinct().Count() == 25, TimeSpan.FromSeconds(60));

        var skus = consumer.Received.Select(e => e.Body.GetProperty("sku").GetString()).Distinct().ToList();
        Assert.Equal(25, skus.Count);
        Assert.Contains("BG-BAR-001", skus);
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
        var paid = Paid(product, quantity: 2);
        await PublishAsync(app, paid, times: 2);

        // Both copies are settled once the queue holds nothing, ready or unacknowledged; a handler acknowledges after its commit.
        await WaitUntilQueueIsEmptyAsync(app, "icecheckout.catalog.orders.order.paid");

        Assert.Equal(7, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
        var movements = await staff.GetFromJsonAsync<List<StockMovementItem>>($"/api/catalog/admin/products/{product.Id}/stock-movements");
        Assert.Single(movements!, m => m.Delta == -2);
    }

    private static object Paid(ProductItem product, int quantity) => new
    {
        id = Guid.NewGuid(),
        createdAt = DateTimeOffset.UtcNow,
        orderId = Guid.NewGuid(),
        lines = new[] { new { productId = product.Id, sku = product.Sku, quantity } },
        total = product.Price * quantity,
    };

    private static Task PublishPaidAsync(CatalogApp app, ProductItem product, int quantity) => PublishAsync(app, Paid(product, quantity), times: 1);

    /// <summary>Publishes an <c>orders.order.paid</c> event as Cart would, <paramref name="times"/> times under one message id, with confirms.</summary>
    private static async Task PublishAsync(CatalogApp app, object paid, int times)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(paid, JsonSerializerOptions.Web);
        var messageId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        var factory = new ConnectionFactory { Uri = new Uri(app.Messaging) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await WaitForQueueAsync(connection, "icecheckout.catalog.orders.order.paid");
        var properties = new BasicProperties { MessageId = messageId, ContentType = "application/json", Persistent = true };
        for (var i = 0; i < times; i++)
        {
            await channel.BasicPublishAsync(Exchange, "orders.order.paid", mandatory: false, properties, body);
        }
    }

    private async Task WaitUntilOutboxIsSentAsync(string database)
    {
        var name = database.Split(';').Single(part => part.StartsWith("Database=", StringComparison.Ordinal))["Database=".Length..];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while ((await servers.MariaDb.ExecuteSqlAsync($"SELECT COUNT(*) FROM `{name}`.`OutboxMessages` WHERE `SentAt` IS NULL", timeout.Token)).Trim().Split('\n')[^1].Trim() != "0")
        {
            await Task.Delay(200, timeout.Token);
        }
    }

    private async Task WaitUntilQueueIsEmptyAsync(CatalogApp app, string queue)
    {
        var vhost = Uri.UnescapeDataString(new Uri(app.Messaging).AbsolutePath.TrimStart('/'));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var listed = await servers.RabbitMq.RabbitMqCtlAsync(["list_queues", "-p", vhost, "name", "messages"], timeout.Token);
            var line = listed.Split('\n').Select(l => l.Split('\t')).SingleOrDefault(fields => fields.Length == 2 && fields[0] == queue);
            if (line is not null && line[1].Trim() == "0")
            {
                return;
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>Waits (bounded) until <paramref name="queue"/> is declared; a passive declare of a missing queue closes its channel, so each try has its own.</summary>
    private static async Task WaitForQueueAsync(IConnection connection, string queue)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
            try
            {
                await channel.QueueDeclarePassiveAsync(queue, timeout.Token);
                return;
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                await Task.Delay(200, timeout.Token);
            }
        }
    }

    public sealed record ReceivedEvent(string RoutingKey, string? MessageId, JsonElement Body, string? TraceParent);

    /// <summary>A plain RabbitMQ consumer of every catalog.product.* event, as Search or Cart would see them.</summary>
    private sealed class EventConsumer : IAsyncDisposable
    {
        private readonly IConnection _connection;
        private readonly IChannel _channel;

        private EventConsumer(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

        public ConcurrentQueue<ReceivedEvent> Received { get; } = new();

        public static async Task<EventConsumer> StartAsync(string uri, string? existingQueue = null)
        {
            var factory = new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = true, NetworkRecoveryInterval = TimeSpan.FromSeconds(1) };
            var connection = await factory.CreateConnectionAsync();
            var queue = existingQueue ?? $"test.catalog-events.{Guid.NewGuid():N}";
            if (existingQueue is not null)
            {
                await WaitForQueueAsync(connection, existingQueue);
            }

            var channel = await connection.CreateChannelAsync();
            if (existingQueue is null)
            {
                await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false);
                await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
                await channel.QueueBindAsync(queue, Exchange, "catalog.product.*");
            }
            var consumer = new EventConsumer(connection, channel);
            var basic = new AsyncEventingBasicConsumer(channel);
            basic.ReceivedAsync += async (_, delivery) =>
            {
                var body = JsonDocument.Parse(Encoding.UTF8.GetString(delivery.Body.Span)).RootElement.Clone();
                var traceParent = delivery.BasicProperties.Headers?.TryGetValue("traceparent", out var value) == true && value is byte[] bytes
                    ? Encoding.UTF8.GetString(bytes)
                    : null;
                consumer.Received.Enqueue(new ReceivedEvent(delivery.RoutingKey, delivery.BasicProperties.MessageId, body, traceParent));
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
