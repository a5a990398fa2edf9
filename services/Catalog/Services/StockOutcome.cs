using IceCheckout.Catalog.Model;

namespace IceCheckout.Catalog.Services;

public enum StockFailure
{
    None,
    UnknownProduct,
    InsufficientStock,
    UnknownReservation,
    AlreadyCommitted,
    DifferentLines,
}

public sealed record StockOutcome(
    StockFailure Failure,
    string? Detail = null,
    StockReservation? Reservation = null,
    Product? Product = null,
    bool Created = false)
{
    public static StockOutcome Ok(StockReservation reservation, bool created = false) => new(StockFailure.None, Reservation: reservation, Created: created);

    public static StockOutcome Ok(Product product) => new(StockFailure.None, Product: product);

    public static StockOutcome Fail(StockFailure failure, string detail) => new(failure, detail);
}
