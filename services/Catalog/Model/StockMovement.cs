namespace IceCheckout.Catalog.Model;

/// <summary>One change of a product's stock and why it happened: the audit trail of staff adjustments, reservations and sales.</summary>
public class StockMovement
{
    public long Id { get; set; }

    public int ProductId { get; set; }

    public int Delta { get; set; }

    public int StockAfter { get; set; }

    public required string Reason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
