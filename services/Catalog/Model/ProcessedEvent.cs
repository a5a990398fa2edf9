namespace IceCheckout.Catalog.Model;

/// <summary>An integration event already applied; inserted in the same transaction as its effect, so a redelivery is recognised.</summary>
public class ProcessedEvent
{
    public Guid EventId { get; set; }

    public required string RoutingKey { get; set; }

    public DateTimeOffset ProcessedAt { get; set; }
}
