namespace IceCheckout.Search.Model;

/// <summary>The answer of <c>GET /api/search/products</c>: one page, best first, and the category counts of every match.</summary>
public sealed record ProductSearchResponse(long Total, int Page, int PageSize, IReadOnlyList<ProductHit> Items, SearchFacets Facets);

public sealed record ProductHit(
    int ProductId,
    string Sku,
    string NameKo,
    string NameEn,
    string Brand,
    string Category,
    int Price,
    int Stock,
    string? ImageUrl,
    double Score,
    ProductHighlight Highlight);

/// <summary>The names with the matched characters in <c>&lt;em&gt;</c>; a name the query did not touch is absent.</summary>
public sealed record ProductHighlight(string? NameKo, string? NameEn);

/// <summary>Counts by category over all matches, ignoring the category filter, so that a shopper can switch category.</summary>
public sealed record SearchFacets(IReadOnlyList<FacetValue> Category);

public sealed record FacetValue(string Value, long Count);

public sealed record SuggestResponse(IReadOnlyList<Suggestion> Suggestions);

public sealed record Suggestion(string Text, int ProductId, string Sku);
