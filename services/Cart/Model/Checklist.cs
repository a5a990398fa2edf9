namespace IceCheckout.Cart.Model;

public sealed record ChecklistState(Guid Id, string Code, IReadOnlyList<ChecklistItemState> Items, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ChecklistItemState(int ProductId, int Quantity);

public sealed record ChecklistCreated(Guid Id, string Code);

public sealed record ChecklistResponse(Guid Id, string Code, IReadOnlyList<ChecklistItemResponse> Items, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt);

public sealed record ChecklistItemResponse(int ProductId, int Quantity, string? Sku, string? NameKo, string? NameEn, string? ImageUrl, int? UnitPrice);

public sealed record SetChecklistItemRequest(int? Quantity);
