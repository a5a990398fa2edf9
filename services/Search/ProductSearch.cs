using IceCheckout.Search.Engines;
using IceCheckout.Search.Korean;
using IceCheckout.Search.Model;

namespace IceCheckout.Search;

/// <summary>Runs a search on the configured engine and shapes the answer: highlights and suggestion texts from the query's key forms.</summary>
public sealed class ProductSearch(IProductIndex index)
{
    public async Task<ProductSearchResponse> SearchAsync(ProductSearchRequest request, CancellationToken cancellationToken)
    {
        var query = ProductQuery.From(request);
        var page = await index.SearchAsync(query, cancellationToken);
        var items = page.Hits.Select(hit => new ProductHit(
            hit.Product.ProductId, hit.Product.Sku, hit.Product.NameKo, hit.Product.NameEn, hit.Product.Brand, hit.Product.Category,
            hit.Product.Price, hit.Product.Stock, hit.Product.ImageUrl, hit.Score,
            new ProductHighlight(KeystrokeHighlighter.Highlight(hit.Product.NameKo, query.Keys), KeystrokeHighlighter.Highlight(hit.Product.NameEn, query.Keys))))
            .ToList();
        return new ProductSearchResponse(page.Total, request.PageOrDefault, request.PageSizeOrDefault, items, new SearchFacets(page.Categories));
    }

    /// <summary>The names of the best matches: the English name when only it matched what was typed (mel → Melona), else the Korean one.</summary>
    public async Task<SuggestResponse> SuggestAsync(SuggestRequest request, CancellationToken cancellationToken)
    {
        var query = ProductQuery.ForSuggestions(request.Q, request.SizeOrDefault);
        var products = await index.SuggestAsync(query, cancellationToken);
        return new SuggestResponse([.. products.Select(product => new Suggestion(
            KeystrokeHighlighter.Highlight(product.NameKo, query.Keys) is null && KeystrokeHighlighter.Highlight(product.NameEn, query.Keys) is not null
                ? product.NameEn
                : product.NameKo,
            product.ProductId,
            product.Sku))]);
    }
}
