using IceCheckout.Search.Korean;

namespace IceCheckout.Search.Model;

/// <summary>A validated search as the engines take it: the query's key forms, the filters and the window of results.</summary>
public sealed record ProductQuery(QueryKeys Keys, string? Category, int? MinPrice, int? MaxPrice, bool InStockOnly, int Skip, int Take)
{
    public static ProductQuery From(ProductSearchRequest request) => new(
        QueryKeys.Parse(request.Q),
        string.IsNullOrWhiteSpace(request.Category) ? null : request.Category.Trim().ToLowerInvariant(),
        request.MinPrice,
        request.MaxPrice,
        request.InStock == true,
        (request.PageOrDefault - 1) * request.PageSizeOrDefault,
        request.PageSizeOrDefault);

    public static ProductQuery ForSuggestions(string? text, int size) => new(QueryKeys.Parse(text), null, null, null, false, 0, size);
}
