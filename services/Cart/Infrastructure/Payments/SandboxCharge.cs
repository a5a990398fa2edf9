namespace IceCheckout.Cart.Infrastructure.Payments;

/// <summary>A charge the sandbox terminal took, in its own table so that it outlives a restart of Cart, as a real provider's would.</summary>
public class SandboxCharge
{
    public Guid OrderId { get; set; }

    public int Amount { get; set; }

    public required string Currency { get; set; }

    public required string Token { get; set; }

    public required string Status { get; set; }

    public required string Reference { get; set; }

    public string? DeclineReason { get; set; }

    /// <summary>How many charge requests for this order reached the terminal (only the first one charges).</summary>
    public int Requests { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? RefundedAt { get; set; }
}
