using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.IntegrationEvents.Events;
using IceCheckout.Catalog.Services;
using IceCheckout.Messaging;

namespace IceCheckout.Catalog.IntegrationEvents.EventHandling;

public sealed class OrderPaidIntegrationEventHandler(
    StockService stock,
    DatabaseReadiness readiness,
    ILogger<OrderPaidIntegrationEventHandler> logger)
    : IIntegrationEventHandler<OrderPaidIntegrationEvent>
{
    public async Task HandleAsync(OrderPaidIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        // Events may arrive before the schema is migrated; they wait rather than fail towards the dead-letter queue.
        await readiness.WaitAsync(cancellationToken);
        if (await stock.ApplyOrderPaidAsync(integrationEvent, cancellationToken))
        {
            logger.LogInformation("Order {OrderId} paid: {Lines} lines sold", integrationEvent.OrderId, integrationEvent.Lines.Count);
        }
    }
}
