namespace IceCheckout.Cart.Services;

public sealed class CheckoutOptions
{
    public const string SectionName = "Cart:Checkout";

    /// <summary>How long the payment provider may take before the charge's outcome counts as unknown.</summary>
    public TimeSpan PaymentTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an <c>Idempotency-Key</c> and its answer are kept.</summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the reconciler looks for orders whose payment outcome is unknown or whose checkout was abandoned.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An order left in PaymentPending this long is settled by asking the provider.</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An order still Pending this long (its cart expired meanwhile) is cancelled and its stock released.</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromMinutes(30);
}
