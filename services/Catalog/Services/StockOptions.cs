namespace IceCheckout.Catalog.Services;

public sealed class StockOptions
{
    public const string SectionName = "Catalog:Stock";

    /// <summary>How long an unpaid reservation holds its stock before it is released.</summary>
    public TimeSpan ReservationLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
