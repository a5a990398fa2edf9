namespace IceCheckout.Cart.Infrastructure.Catalog;

public enum ReservationResult
{
    Reserved,
    InsufficientStock,
    UnknownProduct,
}

public sealed record ReservationOutcome(ReservationResult Result, string? Detail = null);

public sealed record ReservationLine(int ProductId, int Quantity);
