using IceCheckout.Cart.Infrastructure.Orders;
using IceCheckout.Cart.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Services;

/// <summary>
/// Settles what checkouts left behind: orders whose charge outcome stayed unknown (asked of the provider by order id), and
/// orders abandoned before payment once their cart has expired (their reserved stock goes back). Drops expired keys too.
/// </summary>
public sealed class OrderReconciler(
    IServiceScopeFactory scopeFactory,
    OrdersReadiness readiness,
    IOptions<CheckoutOptions> options,
    TimeProvider time,
    ILogger<OrderReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Reconciling orders failed; trying again in {Interval}", options.Value.ReconcileInterval);
            }

            await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken);
        }
    }

    /// <summary>One pass: returns how many orders it settled.</summary>
    public async Task<int> ReconcileDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var unknownBefore = now - options.Value.ReconcileAfter;
        var abandonedBefore = now - options.Value.AbandonAfter;
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<OrdersContext>();
        var due = await context.Orders.AsNoTracking()
            .Where(o => (o.State == OrderStates.PaymentPending && o.UpdatedAt <= unknownBefore) || (o.State == OrderStates.Pending && o.UpdatedAt <= abandonedBefore))
            .OrderBy(o => o.UpdatedAt)
            .Select(o => o.Id)
            .Take(100)
            .ToListAsync(cancellationToken);

        var settled = 0;
        foreach (var orderId in due)
        {
            await using var orderScope = scopeFactory.CreateAsyncScope();
            var checkout = orderScope.ServiceProvider.GetRequiredService<CheckoutService>();
            if (await checkout.ReconcileAsync(orderId, cancellationToken) is not null)
            {
                settled++;
            }
        }

        await scope.ServiceProvider.GetRequiredService<IdempotencyStore>().PurgeExpiredAsync(cancellationToken);
        return settled;
    }
}
