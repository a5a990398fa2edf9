using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Cart.Infrastructure.Orders;
using IceCheckout.Cart.Infrastructure.Payments;
using IceCheckout.Cart.Infrastructure.Redis;
using IceCheckout.Cart.IntegrationEvents;
using IceCheckout.Cart.Model;
using IceCheckout.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MySqlConnector;
using RedisException = StackExchange.Redis.RedisException;

namespace IceCheckout.Cart.Services;

/// <summary>
/// Checkout: an order with the prices of the moment, stock reserved in Catalog, a charge through the payment provider,
/// then Paid with its <c>orders.order.paid</c> event in one transaction. An order whose charge has an unknown outcome is
/// settled by asking the provider by order id before anything is charged again, so money is never taken twice.
/// </summary>
public sealed class CheckoutService(
    OrdersContext context,
    IdempotencyStore keys,
    CartStore carts,
    CartPricing pricing,
    CatalogClient catalog,
    IPaymentProvider payments,
    IOptions<CheckoutOptions> options,
    TimeProvider time,
    ILogger<CheckoutService> logger)
{
    public async Task<CheckoutAnswer> CheckoutAsync(Guid cartId, string key, CheckoutRequest request, CancellationToken cancellationToken)
    {
        // Without the orders database nothing happens at all; DependencyExceptionHandler answers 503.
        var claim = await keys.ClaimAsync(key, IdempotencyStore.HashOf(cartId, request), cancellationToken);
        switch (claim.State)
        {
            case IdempotencyState.Mismatch:
                return CheckoutAnswer.Problem(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key reused",
                    "This Idempotency-Key was used for another checkout request; use a new key for a new request.");
            case IdempotencyState.Replay:
                return new CheckoutAnswer(claim.Record!.ResponseStatus!.Value, claim.Record.ResponseBody!, claim.Record.ResponseStatus >= 400, Replayed: true);
            case IdempotencyState.InProgress:
                return CheckoutAnswer.Problem(StatusCodes.Status409Conflict, "Checkout in progress",
                    "A request with this Idempotency-Key is still running; retry in a moment to get its answer.");
        }

        var record = claim.Record!;
        CheckoutAnswer answer;
        try
        {
            answer = await RunAsync(record, cartId, request.PaymentToken!, cancellationToken);
        }
        catch (Exception ex) when (ex is CatalogUnavailableException or MySqlException or DbUpdateException or InvalidOperationException { InnerException: MySqlException })
        {
            logger.LogWarning(ex, "Checkout of cart {CartId} could not finish; the key is free for a retry", cartId);
            answer = CheckoutAnswer.Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable",
                "A service the checkout needs is not answering; nothing was charged twice. Retry with the same Idempotency-Key.", record.OrderId);
        }
        catch
        {
            await keys.FinishAsync(record, CheckoutAnswer.Problem(StatusCodes.Status503ServiceUnavailable, "Interrupted", "The checkout was interrupted."));
            throw;
        }

        await keys.FinishAsync(record, answer);
        return answer;
    }

    /// <summary>
    /// Settles an order left behind (its payment outcome unknown, or its checkout abandoned) without charging: asks the
    /// provider what happened, and releases the stock of an order that was never charged.
    /// </summary>
    public async Task<CheckoutAnswer?> ReconcileAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var record = await context.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        if (record is null || record.ResponseStatus is not null || record.LockedUntil > time.GetUtcNow() || !await keys.TryTakeOverAsync(record, cancellationToken))
        {
            return null;
        }

        var order = await LoadAsync(orderId, cancellationToken);
        var answer = order.State switch
        {
            OrderStates.PaymentPending when await payments.FindChargeAsync(order.Id, cancellationToken) is { } charge => await SettleAsync(order, charge),
            OrderStates.PaymentPending => await CancelAsync(order, "No charge reached the payment provider; the checkout was not completed."),
            OrderStates.Pending => await CancelAsync(order, "The checkout was abandoned and its cart expired."),
            _ => AnswerFor(order),
        };
        await keys.FinishAsync(record, answer);
        logger.LogInformation("Reconciled order {OrderId}: {State}", order.Id, order.State);
        return answer;
    }

    private async Task<CheckoutAnswer> RunAsync(IdempotencyRecord record, Guid cartId, string paymentToken, CancellationToken cancellationToken)
    {
        Order order;
        if (record.OrderId is { } orderId)
        {
            order = await LoadAsync(orderId, cancellationToken);
        }
        else
        {
            var (created, refusal) = await CreateOrderAsync(record, cartId, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            order = created!;
        }

        switch (order.State)
        {
            case OrderStates.Pending:
                var lines = order.Lines.Select(l => new ReservationLine(l.ProductId, l.Quantity)).ToList();
                var reservation = await catalog.ReserveAsync(order.Id, lines, cancellationToken);
                if (reservation.Result != ReservationResult.Reserved)
                {
                    order.MoveTo(OrderStates.Cancelled, time.GetUtcNow(), reservation.Detail);
                    await context.SaveChangesAsync(CancellationToken.None);
                    return CheckoutAnswer.Problem(StatusCodes.Status409Conflict, "Insufficient stock",
                        reservation.Detail ?? "A product of the cart is no longer in stock.", order.Id);
                }

                order.MoveTo(OrderStates.PaymentPending, time.GetUtcNow(), "stock reserved");
                await context.SaveChangesAsync(CancellationToken.None);
                return await ChargeAsync(order, paymentToken, cancellationToken);
            case OrderStates.PaymentPending:
                // The last attempt's outcome is unknown: ask before charging, never charge blind.
                var known = await payments.FindChargeAsync(order.Id, cancellationToken);
                return known is null ? await ChargeAsync(order, paymentToken, cancellationToken) : await SettleAsync(order, known);
            default:
                return AnswerFor(order);
        }
    }

    private async Task<(Order?, CheckoutAnswer?)> CreateOrderAsync(IdempotencyRecord record, Guid cartId, CancellationToken cancellationToken)
    {
        if (await carts.GetAsync(cartId) is not { } cart)
        {
            return (null, CheckoutAnswer.Problem(StatusCodes.Status404NotFound, "Not found", $"No cart {cartId} (it may have expired)."));
        }

        if (cart.Closed)
        {
            return (null, CheckoutAnswer.Problem(StatusCodes.Status409Conflict, "Cart closed", $"Cart {cartId} is already checked out.", cart.OrderId));
        }

        var priced = await pricing.PriceAsync(cart, cancellationToken);
        if (priced.Lines.Count == 0)
        {
            return (null, CheckoutAnswer.Problem(StatusCodes.Status409Conflict, "Empty cart", "There is nothing in the cart to pay for."));
        }

        if (priced.Lines.Where(l => l.NeedsCheck).Select(l => l.ProductId).ToList() is { Count: > 0 } doubtful)
        {
            return (null, CheckoutAnswer.Problem(StatusCodes.Status409Conflict, "Lines need a check",
                $"Confirm, swap or remove the lines the scan was unsure of first: products {string.Join(", ", doubtful)}."));
        }

        var now = time.GetUtcNow();
        var order = new Order
        {
            Id = Guid.CreateVersion7(),
            CartId = cartId,
            CartLock = cartId,
            State = OrderStates.Pending,
            Total = priced.Total,
            Currency = priced.Currency,
            CreatedAt = now,
            UpdatedAt = now,
        };
        order.Lines.AddRange(priced.Lines.Select(l => new OrderLine
        {
            OrderId = order.Id,
            ProductId = l.ProductId,
            Sku = l.Sku,
            NameKo = l.NameKo,
            NameEn = l.NameEn,
            UnitPrice = l.UnitPrice,
            Quantity = l.Quantity,
            LineTotal = l.LineTotal,
        }));
        order.History.Add(new OrderStateChange { OrderId = order.Id, State = OrderStates.Pending, At = now });

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        context.Orders.Add(order);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry })
        {
            await transaction.RollbackAsync(CancellationToken.None);
            context.ChangeTracker.Clear();
            var live = await context.Orders.AsNoTracking().Where(o => o.CartLock == cartId).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
            return (null, CheckoutAnswer.Problem(StatusCodes.Status409Conflict, "Checkout in progress",
                $"Cart {cartId} is being checked out by another request (order {live}).", live));
        }

        await keys.AttachOrderAsync(record, order.Id);
        await transaction.CommitAsync(CancellationToken.None);
        return (order, null);
    }

    private async Task<CheckoutAnswer> ChargeAsync(Order order, string paymentToken, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PaymentTimeout);
        PaymentResult result;
        try
        {
            result = await payments.ChargeAsync(order.Id, order.Total, order.Currency, paymentToken, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The payment provider did not answer for order {OrderId}; its outcome is unknown until reconciled", order.Id);
            return CheckoutAnswer.Receipt(StatusCodes.Status202Accepted, order);
        }

        return await SettleAsync(order, result);
    }

    private async Task<CheckoutAnswer> SettleAsync(Order order, PaymentResult result)
    {
        if (result.Status == PaymentStatus.Declined)
        {
            await ReleaseStockAsync(order);
            order.MoveTo(OrderStates.PaymentFailed, time.GetUtcNow(), result.DeclineReason);
            await context.SaveChangesAsync(CancellationToken.None);
            return AnswerFor(order);
        }

        if (order.State != OrderStates.Paid)
        {
            await using var transaction = await context.Database.BeginTransactionAsync(CancellationToken.None);
            order.PaymentReference = result.Reference;
            order.PaidAt = time.GetUtcNow();
            order.MoveTo(OrderStates.Paid, order.PaidAt.Value, $"charged {order.Total} {order.Currency}");
            context.AddIntegrationEvent(new OrderPaidIntegrationEvent(
                order.Id, [.. order.Lines.Select(l => new OrderEventLine(l.ProductId, l.Sku, l.Quantity))], order.Total));
            await context.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await CloseCartAsync(order);
        return AnswerFor(order);
    }

    private async Task<CheckoutAnswer> CancelAsync(Order order, string reason)
    {
        await ReleaseStockAsync(order);
        order.MoveTo(OrderStates.Cancelled, time.GetUtcNow(), reason);
        await context.SaveChangesAsync(CancellationToken.None);
        return AnswerFor(order);
    }

    private async Task ReleaseStockAsync(Order order)
    {
        try
        {
            await catalog.ReleaseAsync(order.Id, CancellationToken.None);
        }
        catch (CatalogUnavailableException ex)
        {
            // Catalog gives an unpaid reservation's stock back by itself when it expires.
            logger.LogWarning(ex, "Could not release the reservation of order {OrderId}; it expires in Catalog", order.Id);
        }
    }

    private async Task CloseCartAsync(Order order)
    {
        try
        {
            await carts.UpdateAsync(order.CartId, cart => (cart with { Closed = true, OrderId = order.Id }, true));
        }
        catch (Exception ex) when (ex is RedisException or StackExchange.Redis.RedisTimeoutException)
        {
            // The order stays the cart's live checkout (CartLock), so the cart cannot be paid twice even while it looks open.
            logger.LogWarning(ex, "Paid order {OrderId} could not close cart {CartId}", order.Id, order.CartId);
        }
    }

    private static CheckoutAnswer AnswerFor(Order order) => order.State switch
    {
        OrderStates.Paid or OrderStates.Refunded => CheckoutAnswer.Receipt(StatusCodes.Status201Created, order),
        OrderStates.PaymentPending or OrderStates.Pending => CheckoutAnswer.Receipt(StatusCodes.Status202Accepted, order),
        OrderStates.PaymentFailed => CheckoutAnswer.Problem(StatusCodes.Status402PaymentRequired, "Payment declined",
            $"{LastNote(order) ?? "The payment was declined."} Nothing was charged; the cart is kept for another try.", order.Id),
        _ => CheckoutAnswer.Problem(StatusCodes.Status409Conflict, "Order cancelled", LastNote(order) ?? "The order was cancelled.", order.Id),
    };

    private static string? LastNote(Order order) => order.History.OrderBy(h => h.At).ThenBy(h => h.Id).LastOrDefault()?.Note;

    private Task<Order> LoadAsync(Guid orderId, CancellationToken cancellationToken) =>
        context.Orders.Include(o => o.Lines).Include(o => o.History).AsSplitQuery().FirstAsync(o => o.Id == orderId, cancellationToken);
}
