namespace IceCheckout.Cart.Infrastructure.Payments;

/// <summary>
/// The payment provider's port. Charges are keyed by order id, as payment APIs key them by an idempotency key: asking
/// to charge an order twice returns the first charge and never takes the money twice.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>Charges the order. Throws <see cref="OperationCanceledException"/> when no answer came in time: the outcome is unknown.</summary>
    Task<PaymentResult> ChargeAsync(Guid orderId, int amount, string currency, string paymentToken, CancellationToken cancellationToken);

    /// <summary>What the provider knows of the order's charge; <c>null</c> when it never received one.</summary>
    Task<PaymentResult?> FindChargeAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Refunds the order's approved charge in full; refunding it again is harmless.</summary>
    Task<PaymentResult> RefundAsync(Guid orderId, CancellationToken cancellationToken);
}

public enum PaymentStatus
{
    Approved,
    Declined,
    Refunded,
}

public sealed record PaymentResult(PaymentStatus Status, string Reference, string? DeclineReason = null);
