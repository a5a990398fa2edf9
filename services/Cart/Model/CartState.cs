namespace IceCheckout.Cart.Model;

/// <summary>A cart as kept in Redis: what is on it, never its prices (those are read from Catalog whenever it is shown).</summary>
public sealed record CartState(
    Guid Id,
    IReadOnlyList<CartLineState> Lines,
    IReadOnlyList<LineCorrection> Corrections,
    string? ChecklistCode,
    Guid? LastScanId,
    Guid? OrderId,
    bool Closed,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static CartState New(DateTimeOffset now) => new(Guid.CreateVersion7(), [], [], null, null, null, false, now, now);

    public CartLineState? LineOf(int productId) => Lines.FirstOrDefault(l => l.ProductId == productId);
}

/// <param name="Source"><see cref="LineSources.Scan"/> or <see cref="LineSources.Manual"/>.</param>
public sealed record CartLineState(int ProductId, int Quantity, string Source, bool NeedsCheck);

public static class LineSources
{
    public const string Scan = "scan";
    public const string Manual = "manual";
}
