using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Messaging;

namespace IceCheckout.Cart.IntegrationEvents;

/// <summary>A product changed in Catalog: the next cart shown reads its new price (dropping twice is harmless).</summary>
public sealed class ProductUpsertedHandler(CatalogClient catalog) : IIntegrationEventHandler<ProductUpsertedIntegrationEvent>
{
    public Task HandleAsync(ProductUpsertedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        catalog.Forget(integrationEvent.ProductId, integrationEvent.Sku, integrationEvent.DetectionLabel);
        return Task.CompletedTask;
    }
}

public sealed class ProductDeletedHandler(CatalogClient catalog) : IIntegrationEventHandler<ProductDeletedIntegrationEvent>
{
    public Task HandleAsync(ProductDeletedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        catalog.Forget(integrationEvent.ProductId, integrationEvent.Sku, integrationEvent.DetectionLabel);
        return Task.CompletedTask;
    }
}
