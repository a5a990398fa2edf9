namespace IceCheckout.Catalog.Model;

public sealed record StockMovementItem(int Delta, int StockAfter, string Reason, DateTimeOffset CreatedAt);
