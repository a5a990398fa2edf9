using System.Text;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace IceCheckout.Testing.Tests;

public class RabbitMqServerTests(RabbitMqServer rabbitMq) : IClassFixture<RabbitMqServer>
{
    [Fact]
    public async Task Connection_string_is_an_amqp_uri_on_loopback()
    {
        Assert.Equal($"amqp://guest:guest@127.0.0.1:{rabbitMq.Port}", rabbitMq.ConnectionString);

        await using var connection = await Connect(rabbitMq.ConnectionString);
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task Virtual_hosts_isolate_queues()
    {
        var first = await rabbitMq.CreateVirtualHostAsync();
        var second = await rabbitMq.CreateVirtualHostAsync();
        Assert.NotEqual(first, second);

        await using (var connection = await Connect(first))
        await using (var channel = await connection.CreateChannelAsync())
        {
            await channel.QueueDeclareAsync("isolated", durable: false, exclusive: false, autoDelete: false);
        }

        await using var other = await Connect(second);
        await using var otherChannel = await other.CreateChannelAsync();
        await Assert.ThrowsAsync<OperationInterruptedException>(() => otherChannel.QueueDeclarePassiveAsync("isolated"));
    }

    [Fact]
    public async Task Virtual_host_names_are_url_encoded()
    {
        var uri = await rabbitMq.CreateVirtualHostAsync("orders/eu west");

        Assert.EndsWith("/orders%2Feu%20west", uri, StringComparison.Ordinal);
        await using var connection = await Connect(uri);
        Assert.True(connection.IsOpen);
    }

    [Fact]
    public async Task Restart_keeps_the_port_and_durable_messages()
    {
        var uri = await rabbitMq.CreateVirtualHostAsync();
        var port = rabbitMq.Port;
        await using (var connection = await Connect(uri))
        await using (var channel = await connection.CreateChannelAsync(new CreateChannelOptions(
            publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)))
        {
            await channel.QueueDeclareAsync("durable", durable: true, exclusive: false, autoDelete: false);
            await channel.BasicPublishAsync("", "durable", mandatory: true,
                new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes("kept"));
        }

        await rabbitMq.StopAsync();
        await Assert.ThrowsAnyAsync<BrokerUnreachableException>(() => Connect(uri));
        await rabbitMq.StartAsync();

        Assert.Equal(port, rabbitMq.Port);
        await using var reconnected = await Connect(uri);
        await using var readChannel = await reconnected.CreateChannelAsync();
        var message = await readChannel.BasicGetAsync("durable", autoAck: true);
        Assert.NotNull(message);
        Assert.Equal("kept", Encoding.UTF8.GetString(message.Body.Span));
    }

    private static Task<IConnection> Connect(string uri) =>
        new ConnectionFactory { Uri = new Uri(uri), AutomaticRecoveryEnabled = false }.CreateConnectionAsync();
}
