using IceCheckout.Messaging;
using IceCheckout.Search.Engines;
using IceCheckout.Search.Feed;
using IceCheckout.Search.IntegrationEvents.Events;
using IceCheckout.Search.Model;

namespace IceCheckout.Search.IntegrationEvents.EventHandling;

/// <summary>Hides the product at the event's version, so that a late older upsert cannot bring it back.</summary>
public sealed class ProductDeletedIntegrationEventHandler(
    IProductIndex index, ILogger<ProductDeletedIntegrationEventHandler> logger, ProductCards? cards = null)
    : IIntegrationEventHandler<ProductDeletedIntegrationEvent>
{
    public async Task HandleAsync(ProductDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var hidden = ProductDocument.Hidden(integrationEvent.ProductId, integrationEvent.Sku, integrationEvent.Version, integrationEvent.CreatedAt);
        var written = await index.ApplyAsync([hidden], cancellationToken);
        if (cards is not null)
        {
            await cards.WriteAsync(hidden);
        }

        logger.LogDebug("Product {ProductId} deleted at version {Version}: {Outcome}", integrationEvent.ProductId, integrationEvent.Version, written > 0 ? "hidden" : "already current");
    }
}
