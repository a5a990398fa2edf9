namespace IceCheckout.Search.Feed;

/// <summary>What a page needs to draw a product, kept in Redis from Catalog's events.</summary>
public sealed record ProductCard(int ProductId, string Sku, string NameKo, string NameEn, string? ImageUrl, int Price, int Stock);
