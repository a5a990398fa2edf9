namespace IceCheckout.Cart.Model;

public sealed record CartResponse(
    Guid Id,
    IReadOnlyList<CartLineResponse> Lines,
    int Total,
    string Currency,
    ChecklistProgress? Checklist,
    IReadOnlyList<LineCorrection> Corrections,
    Guid? OrderId,
    bool Closed,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt);

public sealed record CartLineResponse(
    int ProductId,
    string Sku,
    string? DetectionLabel,
    string NameKo,
    string NameEn,
    string? ImageUrl,
    int UnitPrice,
    int Quantity,
    int LineTotal,
    string Source,
    bool NeedsCheck);

public sealed record ChecklistProgress(string Code, IReadOnlyList<ChecklistProgressItem> Items);

/// <param name="Status"><c>scanned</c> (enough of it in the cart), <c>missing</c> or <c>outOfStock</c>.</param>
public sealed record ChecklistProgressItem(int ProductId, int Wanted, int InCart, string Status);

public sealed record ScanResponse(CartResponse Cart, IReadOnlyList<ScanDetection> Detections);

/// <param name="Frame">Index of the frame (0-based, in the order they were sent) the box belongs to.</param>
public sealed record ScanDetection(int Frame, string Label, int ProductId, float Score, DetectionBox Box, bool NeedsCheck);
