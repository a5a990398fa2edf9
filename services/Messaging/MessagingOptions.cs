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

    /// <summary>
    /// How many times a failing handler is tried with a message before it is dead-lettered. The library counts the
    /// attempts itself (header <c>x-attempt</c>), so the count means the same on every broker version.
    /// </summary>
    public int MaxDeliveryAttempts { get; set; } = 6;

    /// <summary>The pause before the first retry; each further pause is four times longer, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest pause between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often the broker hands a message out before it dead-letters it regardless (quorum queue <c>x-delivery-limit</c>):
    /// a backstop against a message that crashes its consumer, well above what shutdowns hand back.
    /// </summary>
    public int BrokerDeliveryLimit { get; set; } = 20;

    /// <summary>How many unacknowledged events one event consumer holds at a time.</summary>
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>How long a publisher waits for the broker's confirm before it gives up with <see cref="MessagingUnavailableException"/>.</summary>
    public TimeSpan PublishConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts to connect (first connection and automatic recovery).</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(2);

    public string QueueNameFor(string routingKey) => QueueNameFor(ServiceName, routingKey);

    public static string QueueNameFor(string serviceName, string routingKey) => $"{serviceName}.{routingKey}";

    /// <summary>The pause after failed attempt <paramref name="attempt"/> (1-based) before the next one.</summary>
    public TimeSpan RetryDelayAfter(int attempt)
    {
        var delay = RetryDelay * Math.Pow(4, Math.Min(attempt - 1, 20));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    /// <summary>Every distinct pause between the attempts, in order.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays() =>
        [.. Enumerable.Range(1, Math.Max(MaxDeliveryAttempts - 1, 0)).Select(RetryDelayAfter).Distinct()];

    /// <summary>The queue a message waits in for <paramref name="delay"/> before it returns to <paramref name="queue"/>.</summary>
    public static string RetryQueueNameFor(string queue, TimeSpan delay) =>
        $"{queue}.retry.{(long)delay.TotalMilliseconds}ms";

    public static string DeadLetterQueueNameFor(string queue) => $"{queue}.dlq";
}
