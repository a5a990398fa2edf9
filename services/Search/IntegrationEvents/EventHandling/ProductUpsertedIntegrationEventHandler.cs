using IceCheckout.Messaging;
using IceCheckout.Search.Engines;
using IceCheckout.Search.Feed;
using IceCheckout.Search.IntegrationEvents.Events;

namespace IceCheckout.Search.IntegrationEvents.EventHandling;

/// <summary>Writes the product at the event's version; a repeat or an older event leaves the entry as it is.</summary>
public sealed class ProductUpsertedIntegrationEventHandler(
    IProductIndex index, ILogger<ProductUpsertedIntegrationEventHandler> logger, ProductCards? cards = null)
    : IIntegrationEventHandler<ProductUpsertedIntegrationEvent>
{
    public async Task HandleAsync(ProductUpsertedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var document = integrationEvent.ToDocument();
        var written = await index.ApplyAsync([document], cancellationToken);
        if (cards is not null)
        {
            // The feed's card follows the same version rule as the index.
            await cards.WriteAsync(document);
        }

        logger.LogDebug("Product {ProductId} version {Version}: {Outcome}", integrationEvent.ProductId, integrationEvent.Version, written > 0 ? "indexed" : "already current");
    }
}
