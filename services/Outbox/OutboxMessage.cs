namespace IceCheckout.Outbox;

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

    /// <summary>Not before this time may a relay take the row: a claim in progress, or the backoff after a failed publish.</summary>
    public DateTimeOffset AvailableAt { get; set; }

    public string? LastError { get; set; }
}
