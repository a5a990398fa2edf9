using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace IceCheckout.Cart.Infrastructure.Orders;

/// <summary>
/// Applies the migrations at start-up, retrying with backoff while the database is unreachable (health says so meanwhile),
/// under a MySQL named lock so that instances starting together migrate once.
/// </summary>
public sealed class OrdersDatabaseInitializer(IServiceScopeFactory scopeFactory, OrdersReadiness readiness, ILogger<OrdersDatabaseInitializer> logger)
    : BackgroundService
{
    private const string LockName = "icecheckout_orders_schema";
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await MigrateAsync(stoppingToken);
                readiness.LastError = null;
                readiness.MarkReady();
                logger.LogInformation("Orders database migrated");
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                readiness.LastError = ex.Message;
                logger.LogWarning(ex, "Orders database not ready; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, stoppingToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxBackoff.Ticks));
            }
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<OrdersContext>();
        var creator = context.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        await context.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var locked = await context.Database.SqlQueryRaw<long>("SELECT GET_LOCK({0}, 120) AS `Value`", LockName).SingleAsync(cancellationToken);
            if (locked != 1)
            {
                throw new TimeoutException("Another instance holds the schema lock.");
            }

            try
            {
                await context.Database.MigrateAsync(cancellationToken);
            }
            finally
            {
                await context.Database.SqlQueryRaw<long>("SELECT RELEASE_LOCK({0}) AS `Value`", LockName).SingleAsync(CancellationToken.None);
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }
}
