using IceCheckout.Cart.Infrastructure.Orders;
using IceCheckout.Cart.Infrastructure.Payments;
using IceCheckout.Cart.IntegrationEvents;
using IceCheckout.Cart.Model;
using IceCheckout.Outbox;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Cart.Services;

public enum RefundFailure
{
    None,
    NotFound,
    NotPaid,
}

/// <summary>Receipts, the staff's order list and refunds.</summary>
public sealed class OrderService(OrdersContext context, IPaymentProvider payments, TimeProvider time)
{
    public async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken) =>
        await context.Orders.AsNoTracking().Include(o => o.Lines).Include(o => o.History).AsSplitQuery()
            .FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);

    public async Task<PaginatedItems<OrderSummary>> ListAsync(
        DateTimeOffset? from, DateTimeOffset? to, string? state, int pageIndex, int pageSize, CancellationToken cancellationToken)
    {
        var orders = context.Orders.AsNoTracking();
        if (from is not null)
        {
            orders = orders.Where(o => o.CreatedAt >= from);
        }

        if (to is not null)
        {
            orders = orders.Where(o => o.CreatedAt < to);
        }

        if (state is not null)
        {
            orders = orders.Where(o => o.State == state);
        }

        var count = await orders.LongCountAsync(cancellationToken);
        var page = await orders.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id)
            .Skip(pageIndex * pageSize).Take(pageSize)
            .Select(o => new OrderSummary(o.Id, o.CartId, o.State, o.Total, o.Currency, o.Lines.Sum(l => l.Quantity), o.CreatedAt, o.PaidAt))
            .ToListAsync(cancellationToken);
        return new PaginatedItems<OrderSummary>(pageIndex, pageSize, count, page);
    }

    /// <summary>
    /// Refunds a paid order in full and announces it (with <paramref name="request"/>'s restock flag); refunding it again
    /// answers the refunded order and changes nothing. The order's row is locked meanwhile, so two refunds never interleave.
    /// </summary>
    public async Task<(RefundFailure Failure, Order? Order)> RefundAsync(Guid orderId, RefundRequest request, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        await context.Database.ExecuteSqlInterpolatedAsync($"SELECT `Id` FROM `Orders` WHERE `Id` = {orderId} FOR UPDATE", cancellationToken);
        var order = await context.Orders.Include(o => o.Lines).Include(o => o.History).AsSplitQuery().FirstOrDefaultAsync(o => o.Id == orderId, cancellationToken);
        if (order is null)
        {
            return (RefundFailure.NotFound, null);
        }

        if (order.State == OrderStates.Refunded)
        {
            return (RefundFailure.None, order);
        }

        if (order.State != OrderStates.Paid)
        {
            return (RefundFailure.NotPaid, order);
        }

        await payments.RefundAsync(order.Id, cancellationToken);
        order.RefundedAt = time.GetUtcNow();
        var note = (request.Restock ? "refunded, goods back in stock" : "refunded") + (string.IsNullOrWhiteSpace(request.Reason) ? "" : $": {request.Reason}");
        order.MoveTo(OrderStates.Refunded, order.RefundedAt.Value, note.Length > 500 ? note[..500] : note);
        context.AddIntegrationEvent(new OrderRefundedIntegrationEvent(
            order.Id, [.. order.Lines.Select(l => new OrderEventLine(l.ProductId, l.Sku, l.Quantity))], order.Total, request.Restock));
        await context.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return (RefundFailure.None, order);
    }
}
