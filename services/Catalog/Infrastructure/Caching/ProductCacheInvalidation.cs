using IceCheckout.Outbox;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Catalog.Infrastructure.Caching;

/// <summary>After a commit of the catalogue's context, drops the cached reads of the products it changed, on this instance's write.</summary>
public sealed class ProductCacheInvalidation(ProductCache cache) : IAfterCommit
{
    public async Task ChangesCommittedAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context is CatalogContext catalog && catalog.TakeChangedProducts() is { Count: > 0 } changed)
        {
            await cache.InvalidateAsync(changed.Distinct());
        }
    }
}
