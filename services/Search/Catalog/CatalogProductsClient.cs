using System.Runtime.CompilerServices;

namespace IceCheckout.Search.Catalog;

/// <summary>Reads every active product from Catalog (<c>services:catalog:http:0</c>), a page at a time.</summary>
public sealed class CatalogProductsClient(HttpClient http)
{
    private const int PageSize = 100;

    public async IAsyncEnumerable<IReadOnlyList<CatalogProduct>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var pageIndex = 0; ; pageIndex++)
        {
            var page = await http.GetFromJsonAsync<CatalogProductPage>(
                $"/api/catalog/products?pageIndex={pageIndex}&pageSize={PageSize}&sort=newest", cancellationToken)
                ?? throw new HttpRequestException("Catalog answered an empty product page.");
            if (page.Data.Count > 0)
            {
                yield return page.Data;
            }

            if (page.Data.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
