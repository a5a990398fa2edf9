namespace IceCheckout.Cart.Model;

/// <summary>The receipt.</summary>
public sealed record OrderResponse(
    Guid Id,
    Guid CartId,
    string State,
    IReadOnlyList<OrderLineResponse> Lines,
    int Total,
    string Currency,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    string? PaymentReference,
    DateTimeOffset? RefundedAt,
    IReadOnlyList<OrderStateChangeResponse> History)
{
    public static OrderResponse From(Order order) => new(
        order.Id,
        order.CartId,
        order.State,
        [.. order.Lines.OrderBy(l => l.ProductId).Select(l => new OrderLineResponse(l.ProductId, l.Sku, l.NameKo, l.NameEn, l.UnitPrice, l.Quantity, l.LineTotal))],
        order.Total,
        order.Currency,
        order.CreatedAt,
        order.PaidAt,
        order.PaymentReference,
        order.RefundedAt,
        [.. order.History.OrderBy(h => h.Id).Select(h => new OrderStateChangeResponse(h.State, h.At, h.Note))]);
}

public sealed record OrderLineResponse(int ProductId, string Sku, string NameKo, string NameEn, int UnitPrice, int Quantity, int LineTotal);

public sealed record OrderStateChangeResponse(string State, DateTimeOffset At, string? Note);

public sealed record OrderSummary(Guid Id, Guid CartId, string State, int Total, string Currency, int Items, DateTimeOffset CreatedAt, DateTimeOffset? PaidAt);

public sealed record PaginatedItems<T>(int PageIndex, int PageSize, long Count, IReadOnlyList<T> Data);

public sealed record CheckoutRequest(string? PaymentToken);

/// <param name="Restock">The goods came back and can be sold again: Catalog returns them to stock.</param>
public sealed record RefundRequest(bool Restock = false, string? Reason = null);
