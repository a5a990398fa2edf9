using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.Model;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Catalog.Services;

/// <summary>Gives back the stock of reservations whose order was neither paid nor released in time (an abandoned checkout).</summary>
public sealed class ReservationExpiryService(
    IServiceScopeFactory scopeFactory,
    DatabaseReadiness readiness,
    ILogger<ReservationExpiryService> logger) : BackgroundService
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(s_interval);
        do
        {
            try
            {
                await ReleaseExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Releasing expired stock reservations failed; trying again in {Interval}", s_interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task ReleaseExpiredAsync(CancellationToken cancellationToken)
    {
        List<Guid> expired;
        await using (var scope = scopeFactory.CreateAsyncScope())
        {
            var context = scope.ServiceProvider.GetRequiredService<CatalogContext>();
            var now = DateTimeOffset.UtcNow;
            expired = await context.StockReservations
                .Where(r => r.Status == StockReservationStatus.Held && r.ExpiresAt < now)
                .OrderBy(r => r.ExpiresAt)
                .Select(r => r.OrderId)
                .Take(100)
                .ToListAsync(cancellationToken);
        }

        foreach (var orderId in expired)
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var stock = scope.ServiceProvider.GetRequiredService<StockService>();
            await stock.ReleaseAsync(orderId, "reservation expired", cancellationToken);
            logger.LogInformation("Released the expired stock reservation of order {OrderId}", orderId);
        }
    }
}
