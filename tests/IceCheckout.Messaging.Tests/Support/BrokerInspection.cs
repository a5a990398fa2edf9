using IceCheckout.Testing;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Tests.Support;

/// <summary>Looks at the broker directly, the way an operator would.</summary>
public static class BrokerInspection
{
    public static async Task<IConnection> ConnectAsync(this RabbitMqServer broker) =>
        await new ConnectionFactory { Uri = new Uri(broker.ConnectionString) }.CreateConnectionAsync();

    /// <summary>Waits until <paramref name="queue"/> exists with <paramref name="count"/> consumers.</summary>
    public static Task WaitForQueueConsumersAsync(this RabbitMqServer broker, string queue, uint count) =>
        WaitForQueueAsync(broker, queue, declared => declared.ConsumerCount == count);

    /// <summary>Waits until <paramref name="queue"/> exists holding <paramref name="count"/> ready messages.</summary>
    public static Task WaitForQueueMessagesAsync(this RabbitMqServer broker, string queue, uint count) =>
        WaitForQueueAsync(broker, queue, declared => declared.MessageCount == count);

    private static async Task WaitForQueueAsync(RabbitMqServer broker, string queue, Func<QueueDeclareOk, bool> condition)
    {
        await using var connection = await broker.ConnectAsync();
        using var timeout = new CancellationTokenSource(MessagingHost.Patience);
        while (true)
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
            try
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue, timeout.Token);
                if (condition(declared))
                {
                    return;
                }
            }
            catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
            {
                // Not declared yet.
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>Reads the next message of <paramref name="queue"/>, waiting for one to arrive.</summary>
    public static async Task<BasicGetResult> WaitForMessageAsync(this RabbitMqServer broker, string queue)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        using var timeout = new CancellationTokenSource(MessagingHost.Patience);
        while (true)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true, timeout.Token);
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public static async Task<uint> MessageCountAsync(this RabbitMqServer broker, string queue)
    {
        await using var connection = await broker.ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }
}
