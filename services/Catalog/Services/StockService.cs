using System.Security.Cryptography;
using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.IntegrationEvents;
using IceCheckout.Catalog.IntegrationEvents.Events;
using IceCheckout.Outbox;
using IceCheckout.Catalog.Model;
using IceCheckout.Messaging;
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
    public Task<StockOutcome> ReserveAsync(Guid orderId, IReadOnlyList<ReserveStockLine> lines, CancellationToken cancellationToken) =>
        RetryOnDeadlockAsync(() => TryReserveAsync(orderId, lines, cancellationToken), cancellationToken);

    private async Task<StockOutcome> TryReserveAsync(Guid orderId, IReadOnlyList<ReserveStockLine> lines, CancellationToken cancellationToken)
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
            return await TryReserveAsync(orderId, lines, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return StockOutcome.Ok(reservation, created: true);
    }

    public Task<StockOutcome> ReleaseAsync(Guid orderId, string reason, CancellationToken cancellationToken) =>
        RetryOnDeadlockAsync(() => TryReleaseAsync(orderId, reason, cancellationToken), cancellationToken);

    private async Task<StockOutcome> TryReleaseAsync(Guid orderId, string reason, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

        // A reservation's lines never change, so its products can be read before any lock and locked first, in the order
        // every other stock change takes them.
        var productIds = await context.Set<StockReservationLine>().AsNoTracking()
            .Where(l => l.OrderId == orderId).Select(l => l.ProductId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        foreach (var productId in productIds)
        {
            await LockProductAsync(productId, cancellationToken);
        }

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
    /// Applies a paid order once per order, whatever event id it comes under: its held reservation becomes a sale, or,
    /// without one, the stock is decremented directly, never below zero, and a shortfall is recorded as oversold.
    /// A line with a quantity below 1 makes the whole event unprocessable (<see cref="UnprocessableMessageException"/>).
    /// </summary>
    public Task<bool> ApplyOrderPaidAsync(OrderPaidIntegrationEvent paid, CancellationToken cancellationToken)
    {
        if (paid.OrderId == Guid.Empty || paid.Lines is not { Count: > 0 } || paid.Lines.Any(l => l is null || l.Quantity < 1 || l.ProductId < 1))
        {
            throw new UnprocessableMessageException(
                $"Paid event {paid.Id} of order {paid.OrderId} needs an order id and lines with a product and a quantity of at least 1.");
        }

        return RetryOnDeadlockAsync(() => TryApplyOrderPaidAsync(paid, cancellationToken), cancellationToken);
    }

    private async Task<bool> TryApplyOrderPaidAsync(OrderPaidIntegrationEvent paid, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // Keyed by the order, not the event id: a body without an id, or the order published again, applies once.
            context.ProcessedEvents.Add(new ProcessedEvent { EventId = paid.OrderId, RoutingKey = "orders.order.paid", ProcessedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsDuplicateKey(ex))
        {
            logger.LogInformation("Order {OrderId} (event {EventId}) was already applied", paid.OrderId, paid.Id);
            return false;
        }

        // Products before the reservation, in ascending id order, as a reservation takes them: a paid event whose order
        // holds no reservation row locks the gap where it would be, and must not wait on a product while holding that gap.
        foreach (var productId in paid.Lines.Select(l => l.ProductId).Distinct().Order())
        {
            await LockProductAsync(productId, cancellationToken);
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
    // The paid event of the same order is recorded under the order id itself; its refund needs a key of its own.
    private static Guid RefundKey(Guid orderId) =>
        new(SHA256.HashData([.. orderId.ToByteArray(), .. "orders.order.refunded"u8])[..16]);

    public async Task<bool> ApplyOrderRefundedAsync(OrderRefundedIntegrationEvent refunded, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            // Keyed by the order, not the event: Cart announces one refund per order, and a second one must not restock twice.
            context.ProcessedEvents.Add(new ProcessedEvent { EventId = RefundKey(refunded.OrderId), RoutingKey = "orders.order.refunded", ProcessedAt = DateTimeOffset.UtcNow });
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

    public Task<StockOutcome> AdjustAsync(int productId, int delta, string reason, CancellationToken cancellationToken) =>
        RetryOnDeadlockAsync(() => TryAdjustAsync(productId, delta, reason, cancellationToken), cancellationToken);

    private async Task<StockOutcome> TryAdjustAsync(int productId, int delta, string reason, CancellationToken cancellationToken)
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
        var reason = $"sold in order {orderId}";
        if (sold < quantity)
        {
            // Paid for but not on the shelf: staff see it in the product's stock movements and settle it with the customer.
            logger.LogWarning("Order {OrderId} paid for {Quantity} of product {ProductId} with only {Stock} in stock: oversold by {Shortfall}",
                orderId, quantity, productId, stock, quantity - sold);
            reason = $"sold in order {orderId}; paid for {quantity}, oversold by {quantity - sold}";
        }

        await context.Products.Where(p => p.Id == productId).ExecuteUpdateAsync(SetStock(-sold), cancellationToken);
        await RecordMovementAsync(productId, -sold, reason, cancellationToken);
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

    private Task<int> LockProductAsync(int productId, CancellationToken cancellationToken) =>
        context.Database.ExecuteSqlInterpolatedAsync($"SELECT `Id` FROM `Products` WHERE `Id` = {productId} FOR UPDATE", cancellationToken);

    /// <summary>Row lock held until the transaction ends, so release and payment of one order never interleave.</summary>
    private Task<int> LockReservationAsync(Guid orderId, CancellationToken cancellationToken) =>
        context.Database.ExecuteSqlInterpolatedAsync($"SELECT `OrderId` FROM `StockReservations` WHERE `OrderId` = {orderId} FOR UPDATE", cancellationToken);

    private async Task<StockReservation?> FindReservationAsync(Guid orderId, CancellationToken cancellationToken) =>
        await context.StockReservations.AsNoTracking().Include(r => r.Lines).FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);

    private static bool SameLines(StockReservation reservation, IReadOnlyList<ReserveStockLine> lines) =>
        reservation.Lines.OrderBy(l => l.ProductId).Select(l => (l.ProductId, l.Quantity))
            .SequenceEqual(lines.OrderBy(l => l.ProductId).Select(l => (l.ProductId, l.Quantity)));

    /// <summary>
    /// MySQL breaks a deadlock by rolling one transaction back (1213); running that transaction again is the documented
    /// remedy. Each attempt starts from a clean change tracker.
    /// </summary>
    private async Task<T> RetryOnDeadlockAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        const int MaxAttempts = 5;
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (tries < MaxAttempts && IsDeadlock(ex))
            {
                logger.LogInformation("Stock change hit a deadlock (attempt {Attempt} of {MaxAttempts}); running it again", tries, MaxAttempts);
                context.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * tries), cancellationToken);
            }
        }
    }

    private static bool IsDeadlock(Exception ex) => ex switch
    {
        MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock } => true,
        { InnerException: { } inner } => IsDeadlock(inner),
        _ => false,
    };

    private static bool IsDuplicateKey(DbUpdateException ex) =>
        ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry };
}
