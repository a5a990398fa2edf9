namespace IceCheckout.Cart.Services;

public sealed class CartOptions
{
    public const string SectionName = "Cart:Carts";

    /// <summary>A cart expires after this long without a request touching it.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(30);

    public int MaxQuantity { get; set; } = 99;

    public int MaxLines { get; set; } = 50;

    /// <summary>Prefix of every Redis key of the service (carts and checklists).</summary>
    public string KeyPrefix { get; set; } = "cart:";
}
