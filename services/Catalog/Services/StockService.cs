using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.IntegrationEvents;
using IceCheckout.Catalog.IntegrationEvents.Events;
using IceCheckout.Outbox;
using IceCheckout.Catalog.Model;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace IceCheckout.Catalog.Services;

/// <summary>
/// Every stock change goes through a conditional <c>UPDATE ... WHERE Stock &gt;= @quantity</c>, so concurrent buyers
/// can never take the same unit twice, and each change is logged as a <see cref="StockMovement"/> and announced through the outbox.
/// </summary>
public sealed class StockService(
    CatalogContext context,
    IOptions<StockOptions> options,
    ILogger<StockService> logger)
{
    public async Task<StockOutcome> ReserveAsync(Guid orderId, IReadOnlyList<ReserveStockLine> lines, CancellationToken cancellationToken)
    {
        var existing = await FindReservationAsync(orderId, cancellationToken);
        if (existing is not null)
        {
            return SameLines(existing, lines)
                ? StockOutcome.Ok(existing)
                : StockOutcome.Fail(StockFailure.DifferentLines, $"Order {orderId} already holds a reservation with other lines.");
        }

        var now = DateTimeOffset.UtcNow;
        var reservation = new StockReservation
        {
            OrderId = orderId,
            Status = StockReservationStatus.Held,
            CreatedAt = now,
            ExpiresAt = now + options.Value.ReservationLifetime,
            Lines = [.. lines.Select(l => new StockReservationLine { OrderId = orderId, ProductId = l.ProductId, Quantity = l.Quantity })],
        };

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

        // Products are taken in ascending id order, which keeps concurrent multi-line reservations from deadlocking.
        foreach (var line in lines.OrderBy(l => l.ProductId))
        {
            var taken = await context.Products
                .Where(p => p.Id == line.ProductId && p.DeletedAt == null && p.IsActive && p.Stock >= line.Quantity)
                .ExecuteUpdateAsync(SetStock(-line.Quantity), cancellationToken);
            if (taken == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                context.ChangeTracker.Clear();
                var stock = await context.Products.AsNoTracking()
                    .Where(p => p.Id == line.ProductId && p.DeletedAt == null && p.IsActive)
                    .Select(p => (int?)p.Stock)
                    .FirstOrDefaultAsync(cancellationToken);
                return stock is null
                    ? StockOutcome.Fail(StockFailure.UnknownProduct, $"Product {line.ProductId} does not exist or is not on sale.")
                    : StockOutcome.Fail(StockFailure.InsufficientStock, $"Product {line.ProductId} has {stock} in stock; {line.Quantity} requested.");
            }

            await RecordMovementAsync(line.ProductId, -line.Quantity, $"reserved for order {orderId}", cancellationToken);
        }

        context.StockReservations.Add(reservation);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateKey(ex))
        {
            // A concurrent request for the same order won; undo this one's decrements and answer with the winner's reservation.
            await transaction.RollbackAsync(cancellationToken);
            context.ChangeTracker.Clear();
            return await ReserveAsync(orderId, lines, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return StockOutcome.Ok(reservation, created: true);
    }

    public async Task<StockOutcome> ReleaseAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await LockReservationAsync(orderId, cancellationToken);
        var reservation = await context.StockReservations.Include(r => r.Lines).FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (reservation is null)
        {
            return StockOutcome.Fail(StockFailure.UnknownReservation, $"Order {orderId} holds no reservation.");
        }

        if (reservation.Status == StockReservationStatus.Committed)
        {
            return StockOutcome.Fail(StockFailure.AlreadyCommitted, $"Order {orderId} is paid; its stock is sold.");
        }

        if (reservation.Status == StockReservationStatus.Held)
        {
            foreach (var line in reservation.Lines.OrderBy(l => l.ProductId))
            {
                await context.Products.Where(p => p.Id == line.ProductId).ExecuteUpdateAsync(SetStock(line.Quantity), cancellationToken);
                await RecordMovementAsync(line.ProductId, line.Quantity, $"{reason} (order {orderId})", cancellationToken);
            }

            reservation.Status = StockReservationStatus.Released;
            reservation.CompletedAt = DateTimeOffset.UtcNow;
            await context.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return StockOutcome.Ok(reservation);
    }

    /// <summary>
    /// Applies a paid order once per event id: its held reservation becomes a sale, or, without one, the stock is
    /// decremented directly, never below zero.
    /// </summary>
    public async Task<bool> ApplyOrderPaidAsync(OrderPaidIntegrationEvent paid, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            context.ProcessedEvents.Add(new ProcessedEvent { EventId = paid.Id, RoutingKey = "orders.order.paid", ProcessedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateKey(ex))
        {
            logger.LogInformation("Paid event {EventId} of order {OrderId} was already applied", paid.Id, paid.OrderId);
            return false;
        }

        await LockReservationAsync(paid.OrderId, cancellationToken);
        var reservation = await context.StockReservations.FirstOrDefaultAsync(r => r.OrderId == paid.OrderId, cancellationToken);

        switch (reservation?.Status)
        {
            case StockReservationStatus.Held:
                reservation.Status = StockReservationStatus.Committed;
                reservation.CompletedAt = DateTimeOffset.UtcNow;
                break;
            case StockReservationStatus.Committed:
                logger.LogInformation("Order {OrderId} was already committed by an earlier event", paid.OrderId);
                break;
            default:
                foreach (var line in paid.Lines.GroupBy(l => l.ProductId).OrderBy(g => g.Key))
                {
                    await SellWithoutReservationAsync(paid.OrderId, line.Key, line.Sum(l => l.Quantity), cancellationToken);
                }

                if (reservation is not null)
                {
                    reservation.Status = StockReservationStatus.Committed;
                    reservation.CompletedAt = DateTimeOffset.UtcNow;
                }

                break;
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Puts a refunded order's products back in stock, once per order (a redelivered or repeated event changes nothing).</summary>
    public async Task<bool> ApplyOrderRefundedAsync(OrderRefundedIntegrationEvent refunded, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // Keyed by the order, not the event: Cart announces one refund per order, and a second one must not restock twice.
            context.ProcessedEvents.Add(new ProcessedEvent { EventId = refunded.OrderId, RoutingKey = "orders.order.refunded", ProcessedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateKey(ex))
        {
            logger.LogInformation("Refund of order {OrderId} was already restocked", refunded.OrderId);
            return false;
        }

        foreach (var line in refunded.Lines.GroupBy(l => l.ProductId).OrderBy(g => g.Key))
        {
            var quantity = line.Sum(l => l.Quantity);
            if (await context.Products.Where(p => p.Id == line.Key).ExecuteUpdateAsync(SetStock(quantity), cancellationToken) == 0)
            {
                logger.LogWarning("Refunded order {OrderId} names unknown product {ProductId}; nothing to restock", refunded.OrderId, line.Key);
                continue;
            }

            await RecordMovementAsync(line.Key, quantity, $"returned from refunded order {refunded.OrderId}", cancellationToken);
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<StockOutcome> AdjustAsync(int productId, int delta, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var changed = await context.Products
            .Where(p => p.Id == productId && p.DeletedAt == null && p.Stock + delta >= 0)
            .ExecuteUpdateAsync(SetStock(delta), cancellationToken);
        if (changed == 0)
        {
            var stock = await context.Products.AsNoTracking()
                .Where(p => p.Id == productId && p.DeletedAt == null)
                .Select(p => (int?)p.Stock)
                .FirstOrDefaultAsync(cancellationToken);
            return stock is null
                ? StockOutcome.Fail(StockFailure.UnknownProduct, $"Product {productId} does not exist.")
                : StockOutcome.Fail(StockFailure.InsufficientStock, $"Stock is {stock}; it cannot change by {delta}.");
        }

        var product = await RecordMovementAsync(productId, delta, reason, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StockOutcome.Ok(product);
    }

    private async Task SellWithoutReservationAsync(Guid orderId, int productId, int quantity, CancellationToken cancellationToken)
    {
        await context.Database.ExecuteSqlInterpolatedAsync($"SELECT `Id` FROM `Products` WHERE `Id` = {productId} FOR UPDATE", cancellationToken);
        var stock = await context.Products.AsNoTracking()
            .Where(p => p.Id == productId)
            .Select(p => (int?)p.Stock)
            .FirstOrDefaultAsync(cancellationToken);
        if (stock is null)
        {
            logger.LogWarning("Paid order {OrderId} names unknown product {ProductId}; nothing to decrement", orderId, productId);
            return;
        }

        var sold = Math.Min(stock.Value, quantity);
        if (sold < quantity)
        {
            logger.LogWarning("Paid order {OrderId} sold {Quantity} of product {ProductId} but only {Stock} were in stock; stock stops at 0",
                orderId, quantity, productId, stock);
        }

        await context.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(SetStock(-sold), cancellationToken);
        await RecordMovementAsync(productId, -sold, $"sold in order {orderId}", cancellationToken);
    }

    /// <summary>Logs the movement and writes the product's event; the caller saves both with its transaction.</summary>
    private async Task<Product> RecordMovementAsync(int productId, int delta, string reason, CancellationToken cancellationToken)
    {
        var product = await context.Products.AsNoTracking().Include(p => p.Category).FirstAsync(p => p.Id == productId, cancellationToken);
        context.StockMovements.Add(new StockMovement
        {
            ProductId = productId,
            Delta = delta,
            StockAfter = product.Stock,
            Reason = reason,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        context.AddIntegrationEvent(ProductEvents.Upserted(product));
        context.RecordChangedProduct(product);
        return product;
    }

    private static Expression<Func<SetPropertyCalls<Product>, SetPropertyCalls<Product>>> SetStock(int delta)
    {
        var now = DateTimeOffset.UtcNow;
        return setters => setters
            .SetProperty(p => p.Stock, p => p.Stock + delta)
            .SetProperty(p => p.Version, p => p.Version + 1)
            .SetProperty(p => p.UpdatedAt, now);
    }

    /// <summary>Row lock held until the transaction ends, so release and payment of one order never interleave.</summary>
    private Task<int> LockReservationAsync(Guid orderId, CancellationToken cancellationToken) =>
        context.Database.ExecuteSqlInterpolatedAsync($"SELECT `OrderId` FROM `StockReservations` WHERE `OrderId` = {orderId} FOR UPDATE", cancellationToken);

    private async Task<StockReservation?> FindReservationAsync(Guid orderId, CancellationToken cancellationToken) =>
        await context.StockReservations.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);

    private static bool SameLines(StockReservation reservation, IReadOnlyList<ReserveStockLine> lines) =>
        reservation.Lines.OrderBy(l => l.ProductId).Select(l => (l.ProductId, l.Quantity))
            .SequenceEqual(lines.OrderBy(l => l.ProductId).Select(l => (l.ProductId, l.Quantity)));

    private static bool IsDuplicateKey(DbUpdateException ex) =>
        ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };
}
