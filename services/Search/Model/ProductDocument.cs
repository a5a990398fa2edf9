namespace IceCheckout.Search.Model;

/// <summary>
/// A product as the index holds it, at Catalog's <see cref="Version"/>. A deleted or inactive product stays as a hidden
/// entry (<see cref="Visible"/> false) so that an older event arriving late cannot bring it back.
/// </summary>
public sealed record ProductDocument(
    int ProductId,
    string Sku,
    string NameKo,
    string NameEn,
    string Brand,
    string Category,
    int Price,
    int Stock,
    string? ImageUrl,
    bool Visible,
    int Version,
    DateTimeOffset ChangedAt)
{
    public static ProductDocument Hidden(int productId, string sku, int version, DateTimeOffset changedAt) =>
        new(productId, sku, "", "", "", "", 0, 0, null, false, version, changedAt);
}
