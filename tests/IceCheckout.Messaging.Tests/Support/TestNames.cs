namespace IceCheckout.Messaging.Tests.Support;

/// <summary>Exchange, service and queue names of one test, so tests sharing a broker never see each other's messages.</summary>
public sealed record TestNames(string Prefix)
{
    public static TestNames Unique() => new($"t{Guid.NewGuid():N}"[..13]);

    public string Exchange => $"{Prefix}.events";

    public string DeadLetterExchange => $"{Prefix}.dead-letter";

    public string Service => $"{Prefix}.svc";

    public string RpcQueue => $"{Prefix}.requests";

    public string EventQueue(string routingKey, string? service = null) => $"{service ?? Service}.{routingKey}";

    public static string DeadLetterQueue(string queue) => MessagingOptions.DeadLetterQueueNameFor(queue);
}
