using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.Infrastructure.Caching;
using IceCheckout.Catalog.Infrastructure.Outbox;

namespace IceCheckout.Catalog.Services;

/// <summary>Runs after a change has committed: drops the cached reads of the changed products and wakes the outbox relay.</summary>
public sealed class ProductChangeNotifier(ProductCache cache, OutboxSignal outboxSignal)
{
    public async Task ChangesCommittedAsync(CatalogContext context)
    {
        if (context.ChangedProducts.Count == 0)
        {
            return;
        }

        await cache.InvalidateAsync(context.ChangedProducts.Distinct());
        outboxSignal.Notify();
    }
}
