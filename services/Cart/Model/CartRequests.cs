namespace IceCheckout.Cart.Model;

/// <summary>Adds a product by SKU or by id (exactly one of them).</summary>
public sealed record AddLineRequest(string? Sku, int? ProductId, int? Quantity);

public sealed record SetQuantityRequest(int? Quantity);

/// <param name="Action"><c>confirm</c>, <c>swap</c> (for <paramref name="ProductId"/>) or <c>remove</c>.</param>
/// <param name="Quantity">Optional with confirm and swap: the count the shopper sees; the line's count otherwise.</param>
public sealed record ResolveLineRequest(string? Action, int? ProductId, int? Quantity);

public sealed record LinkChecklistRequest(string? Code);
