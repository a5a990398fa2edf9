namespace IceCheckout.Catalog.Model;

/// <summary>An integration event written in the same transaction as the change it announces, published later by the relay.</summary>
public class OutboxMessage
{
    public long Id { get; set; }

    public Guid MessageId { get; set; }

    public required string RoutingKey { get; set; }

    public required string Payload { get; set; }

    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public int Attempts { get; set; }
}
