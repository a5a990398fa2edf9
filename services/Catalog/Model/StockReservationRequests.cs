namespace IceCheckout.Catalog.Model;

public sealed record ReserveStockRequest(Guid OrderId, IReadOnlyList<ReserveStockLine>? Lines);

public sealed record ReserveStockLine(int ProductId, int Quantity);

public sealed record StockReservationItem(
    Guid OrderId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    IReadOnlyList<ReserveStockLine> Lines)
{
    public static StockReservationItem From(StockReservation reservation) => new(
        reservation.OrderId,
        reservation.Status.ToString(),
        reservation.CreatedAt,
        reservation.ExpiresAt,
        [.. reservation.Lines.OrderBy(l => l.ProductId).Select(l => new ReserveStockLine(l.ProductId, l.Quantity))]);
}
