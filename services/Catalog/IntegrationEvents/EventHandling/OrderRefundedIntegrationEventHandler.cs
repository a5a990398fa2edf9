using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.IntegrationEvents.Events;
using IceCheckout.Catalog.Services;
using IceCheckout.Messaging;

namespace IceCheckout.Catalog.IntegrationEvents.EventHandling;

public sealed class OrderRefundedIntegrationEventHandler(
    StockService stock,
    DatabaseReadiness readiness,
    ILogger<OrderRefundedIntegrationEventHandler> logger)
    : IIntegrationEventHandler<OrderRefundedIntegrationEvent>
{
    public async Task HandleAsync(OrderRefundedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        if (!integrationEvent.Restock)
        {
            return;
        }

        await readiness.WaitAsync(cancellationToken);
        if (await stock.ApplyOrderRefundedAsync(integrationEvent, cancellationToken))
        {
            logger.LogInformation("Order {OrderId} refunded: {Lines} lines back in stock", integrationEvent.OrderId, integrationEvent.Lines.Count);
        }
    }
}
