using System.Text;
using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Tests;

/// <summary>What the broker itself enforces on the queues the library declares, with no service process taking part.</summary>
[Collection(RabbitMqCollection.Name)]
public sealed class BrokerEnforcementTests(RabbitMqServer broker)
{
    private const int DeliveryLimit = 3;
    private readonly TestNames _names = TestNames.Unique();

    [Fact]
    public async Task A_message_handed_back_more_often_than_the_delivery_limit_is_dead_lettered_by_the_broker()
    {
        // The library declares the work queue, then leaves: from here on only the broker counts.
        using (var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddRpcWorker<EchoRequest, EchoResponse, EchoRpcHandler>(_names.RpcQueue),
            services => services.AddSingleton(new WorkerName("declarer")).AddSingleton(new Received<HandledRequest>()),
            settings: new Dictionary<string, string?> { ["Messaging:BrokerDeliveryLimit"] = DeliveryLimit.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
        {
            await broker.WaitForQueueConsumersAsync(_names.RpcQueue, 1);
            await host.StopAsync();
        }

        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync("", _names.RpcQueue, mandatory: true, new BasicProperties { MessageId = "crashes-its-consumer" }, "{}"u8.ToArray());

        // A consumer that crashes on it hands it back unsettled, again and again, until the broker moves it aside. A
        // requeued message can be briefly out of sight, so an empty get means "look again", not "gone".
        var deadLetterQueue = TestNames.DeadLetterQueue(_names.RpcQueue);
        var deliveries = 0;
        using var timeout = new CancellationTokenSource(MessagingHost.Patience);
        while (await channel.MessageCountAsync(deadLetterQueue, timeout.Token) == 0)
        {
            var message = await channel.BasicGetAsync(_names.RpcQueue, autoAck: false, timeout.Token);
            if (message is null)
            {
                await Task.Delay(50, timeout.Token);
                continue;
            }

            deliveries++;
            await channel.BasicRejectAsync(message.DeliveryTag, requeue: true, timeout.Token);
        }

        var deadLettered = await broker.WaitForMessageAsync(deadLetterQueue);
        Assert.Equal("crashes-its-consumer", deadLettered.BasicProperties.MessageId);
        // Quorum queues count the returns (RabbitMQ 3.x and 4.x count the first delivery differently): about the limit, never unbounded.
        Assert.InRange(deliveries, DeliveryLimit, DeliveryLimit + 1);
        Assert.Equal(0u, await broker.MessageCountAsync(_names.RpcQueue));
    }

    [Fact]
    public async Task An_rpc_request_nobody_takes_before_its_callers_timeout_expires_into_the_dead_letter_queue()
    {
        using var caller = await MessagingHost.StartAsync(broker.ConnectionString, _names, messaging => messaging.AddRpcClient(), serviceName: "caller");
        await caller.WaitForHealthAsync(HealthStatus.Healthy);

        await Assert.ThrowsAsync<RpcTimeoutException>(() => caller.Services.GetRequiredService<IRpcClient>()
            .CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("nobody home"), TimeSpan.FromMilliseconds(300)));

        var expired = await broker.WaitForMessageAsync(TestNames.DeadLetterQueue(_names.RpcQueue));
        Assert.Contains("nobody home", Encoding.UTF8.GetString(expired.Body.Span), StringComparison.Ordinal);
        Assert.Equal(0u, await broker.MessageCountAsync(_names.RpcQueue));
        await caller.StopAsync();
    }
}
