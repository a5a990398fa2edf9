namespace IceCheckout.Cart.Model;

/// <summary>
/// How a shopper settled a line the scan was unsure of (or changed a scanned line): kept with the cart and the scan it
/// corrects, so corrections can later become training data.
/// </summary>
public sealed record LineCorrection(
    DateTimeOffset At,
    string Action,
    int ProductId,
    int ScannedQuantity,
    int? ReplacementProductId,
    int Quantity,
    Guid? ScanId);

public static class CorrectionActions
{
    public const string Confirm = "confirm";
    public const string Swap = "swap";
    public const string Remove = "remove";
    public const string ChangeQuantity = "quantity";

    public static readonly string[] Resolutions = [Confirm, Swap, Remove];
}
