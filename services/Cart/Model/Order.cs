namespace IceCheckout.Cart.Model;

/// <summary>An order made from a cart at checkout, with the prices of that moment.</summary>
public class Order
{
    public Guid Id { get; set; }

    public Guid CartId { get; set; }

    /// <summary>The cart's id while this order is its live checkout (unique), null once it failed: one live order per cart.</summary>
    public Guid? CartLock { get; set; }

    public required string State { get; set; }

    public int Total { get; set; }

    public required string Currency { get; set; }

    public string? PaymentReference { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? PaidAt { get; set; }

    public DateTimeOffset? RefundedAt { get; set; }

    public List<OrderLine> Lines { get; set; } = [];

    public List<OrderStateChange> History { get; set; } = [];

    public void MoveTo(string state, DateTimeOffset at, string? note = null)
    {
        State = state;
        UpdatedAt = at;
        if (state is OrderStates.PaymentFailed or OrderStates.Cancelled)
        {
            CartLock = null;
        }

        History.Add(new OrderStateChange { OrderId = Id, State = state, At = at, Note = note });
    }
}

public class OrderLine
{
    public Guid OrderId { get; set; }

    public int ProductId { get; set; }

    public required string Sku { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }

    public int UnitPrice { get; set; }

    public int Quantity { get; set; }

    public int LineTotal { get; set; }
}

public class OrderStateChange
{
    public long Id { get; set; }

    public Guid OrderId { get; set; }

    public required string State { get; set; }

    public DateTimeOffset At { get; set; }

    public string? Note { get; set; }
}

public static class OrderStates
{
    /// <summary>Made from the cart; stock not yet (or being) reserved.</summary>
    public const string Pending = "Pending";

    /// <summary>Stock reserved and the charge asked for; its outcome is not known yet.</summary>
    public const string PaymentPending = "PaymentPending";

    public const string Paid = "Paid";

    public const string PaymentFailed = "PaymentFailed";

    /// <summary>Short stock, or abandoned before any charge: nothing was charged, reserved stock went back.</summary>
    public const string Cancelled = "Cancelled";

    public const string Refunded = "Refunded";

    public static readonly string[] All = [Pending, PaymentPending, Paid, PaymentFailed, Cancelled, Refunded];
}
