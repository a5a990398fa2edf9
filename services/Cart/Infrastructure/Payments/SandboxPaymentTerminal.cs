using IceCheckout.Cart.Infrastructure.Orders;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace IceCheckout.Cart.Infrastructure.Payments;

/// <summary>
/// A stand-in payment provider with Stripe-like test tokens; no payment network is connected. <c>tok_visa</c> approves,
/// <c>tok_decline</c> declines, <c>tok_timeout</c> takes the money and never answers (the caller's outcome is unknown until it
/// asks by order id); any other token is declined. Its charges are rows of <c>SandboxCharges</c>, written through its own
/// context, apart from the checkout's transaction.
/// </summary>
public sealed class SandboxPaymentTerminal(IDbContextFactory<OrdersContext> contexts, TimeProvider time) : IPaymentProvider
{
    public const string Approve = "tok_visa";
    public const string Decline = "tok_decline";
    public const string NeverAnswer = "tok_timeout";

    public async Task<PaymentResult> ChargeAsync(Guid orderId, int amount, string currency, string paymentToken, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var charge = await context.SandboxCharges.FirstOrDefaultAsync(c => c.OrderId == orderId, cancellationToken);
        if (charge is null)
        {
            var approved = paymentToken is Approve or NeverAnswer;
            charge = new SandboxCharge
            {
                OrderId = orderId,
                Amount = amount,
                Currency = currency,
                Token = paymentToken,
                Status = approved ? nameof(PaymentStatus.Approved) : nameof(PaymentStatus.Declined),
                Reference = $"sandbox_ch_{Guid.NewGuid():N}",
                DeclineReason = approved ? null : paymentToken == Decline ? "The card was declined." : $"'{paymentToken}' is not a sandbox test token.",
                CreatedAt = time.GetUtcNow(),
            };
            context.SandboxCharges.Add(charge);
        }

        charge.Requests++;
        try
        {
            await context.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateException ex) when (ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry })
        {
            // A concurrent request for the same order charged first; answer with that charge.
            return (await FindChargeAsync(orderId, cancellationToken))!;
        }

        if (charge.Token == NeverAnswer)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
        }

        return ResultOf(charge);
    }

    public async Task<PaymentResult?> FindChargeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var charge = await context.SandboxCharges.AsNoTracking().FirstOrDefaultAsync(c => c.OrderId == orderId, cancellationToken);
        return charge is null ? null : ResultOf(charge);
    }

    public async Task<PaymentResult> RefundAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var charge = await context.SandboxCharges.FirstOrDefaultAsync(c => c.OrderId == orderId, cancellationToken)
            ?? throw new InvalidOperationException($"The terminal holds no charge for order {orderId}.");
        if (charge.Status == nameof(PaymentStatus.Approved))
        {
            charge.Status = nameof(PaymentStatus.Refunded);
            charge.RefundedAt = time.GetUtcNow();
            await context.SaveChangesAsync(CancellationToken.None);
        }

        return ResultOf(charge);
    }

    private static PaymentResult ResultOf(SandboxCharge charge) =>
        new(Enum.Parse<PaymentStatus>(charge.Status), charge.Reference, charge.DeclineReason);
}
