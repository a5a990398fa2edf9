namespace IceCheckout.Messaging;

/// <summary>Settings of the messaging library, bound from the configuration section <c>Messaging</c>.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>The durable topic exchange every integration event is published on.</summary>
    public string ExchangeName { get; set; } = "icecheckout.events";

    /// <summary>The direct exchange that failed messages are dead-lettered to, each into <c>&lt;queue&gt;.dlq</c>.</summary>
    public string DeadLetterExchangeName { get; set; } = "icecheckout.dead-letter";

    /// <summary>Names this service's event queues (<c>&lt;ServiceName&gt;.&lt;routing key&gt;</c>). Defaults to the application name, lower case.</summary>
    public string ServiceName { get; set; } = "";

    /// <summary>How many times a message is delivered to a failing handler before it is dead-lettered.</summary>
    public int MaxDeliveryAttempts { get; set; } = 3;

    /// <summary>How many unacknowledged events one event consumer holds at a time.</summary>
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>How long a publisher waits for the broker's confirm before it gives up with <see cref="MessagingUnavailableException"/>.</summary>
    public TimeSpan PublishConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to connect (first connection and automatic recovery).</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(2);

    public string QueueNameFor(string routingKey) => $"{ServiceName}.{routingKey}";

    public static string DeadLetterQueueNameFor(string queue) => $"{queue}.dlq";
}
