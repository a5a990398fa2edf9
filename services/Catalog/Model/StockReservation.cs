namespace IceCheckout.Catalog.Model;

/// <summary>Stock held for one order between checkout and payment. The order id makes reserving idempotent.</summary>
public class StockReservation
{
    public Guid OrderId { get; set; }

    public StockReservationStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<StockReservationLine> Lines { get; set; } = [];
}

public enum StockReservationStatus
{
    Held = 0,
    Committed = 1,
    Released = 2,
}
