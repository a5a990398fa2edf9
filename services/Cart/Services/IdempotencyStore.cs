using System.Security.Cryptography;
using System.Text;
using IceCheckout.Cart.Infrastructure.Orders;
using IceCheckout.Cart.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace IceCheckout.Cart.Services;

public enum IdempotencyState
{
    /// <summary>This request owns the key now (new, or taking over one whose previous owner gave it up).</summary>
    Owned,
    Replay,
    Mismatch,
    InProgress,
}

public sealed record IdempotencyClaim(IdempotencyState State, IdempotencyRecord? Record = null);

/// <summary>
/// <c>Idempotency-Key</c> semantics as payment APIs have them, kept in the orders database: the same key with the same
/// request replays the first final answer; with another request it is refused; while a request with the key runs, a second
/// one is told so. One request at a time owns a key, through a lease that ends if its owner dies.
/// </summary>
public sealed class IdempotencyStore(OrdersContext context, IOptions<CheckoutOptions> options, TimeProvider time)
{
    public const int MaxKeyLength = 255;

    public static string HashOf(Guid cartId, CheckoutRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{cartId:N}\n{request.PaymentToken}")));

    public TimeSpan Lease => options.Value.PaymentTimeout + TimeSpan.FromSeconds(30);

    public async Task<IdempotencyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var now = time.GetUtcNow();
            var record = new IdempotencyRecord
            {
                Key = key,
                RequestHash = requestHash,
                LockedUntil = now + Lease,
                CreatedAt = now,
                ExpiresAt = now + options.Value.IdempotencyKeyLifetime,
            };
            context.IdempotencyRecords.Add(record);
            try
            {
                await context.SaveChangesAsync(cancellationToken);
                return new IdempotencyClaim(IdempotencyState.Owned, record);
            }
            catch (DbUpdateException ex) when (ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry })
            {
                context.ChangeTracker.Clear();
            }

            var existing = await context.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, cancellationToken);
            if (existing is null)
            {
                continue;
            }

            if (existing.ExpiresAt <= now)
            {
                await context.IdempotencyRecords.Where(r => r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (existing.RequestHash != requestHash)
            {
                return new IdempotencyClaim(IdempotencyState.Mismatch, existing);
            }

            if (existing.ResponseStatus is not null)
            {
                return new IdempotencyClaim(IdempotencyState.Replay, existing);
            }

            if (existing.LockedUntil > now || !await TryTakeOverAsync(existing, cancellationToken))
            {
                return new IdempotencyClaim(IdempotencyState.InProgress, existing);
            }

            return new IdempotencyClaim(IdempotencyState.Owned, existing);
        }

        return new IdempotencyClaim(IdempotencyState.InProgress);
    }

    /// <summary>Takes the lease of a record nobody holds (its owner released it or died); false when another was quicker.</summary>
    public async Task<bool> TryTakeOverAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        var previous = record.LockedUntil;
        var until = time.GetUtcNow() + Lease;
        var taken = await context.IdempotencyRecords
            .Where(r => r.Key == record.Key && r.LockedUntil == previous && r.ResponseStatus == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, until), cancellationToken);
        record.LockedUntil = until;
        return taken == 1;
    }

    public Task AttachOrderAsync(IdempotencyRecord record, Guid orderId)
    {
        record.OrderId = orderId;
        return context.IdempotencyRecords.Where(r => r.Key == record.Key)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.OrderId, orderId), CancellationToken.None);
    }

    /// <summary>Stores a final answer for replays, or gives the key up for a retry when the answer is not final.</summary>
    public async Task FinishAsync(IdempotencyRecord record, CheckoutAnswer answer)
    {
        var now = time.GetUtcNow();
        if (answer.IsFinal)
        {
            await context.IdempotencyRecords.Where(r => r.Key == record.Key).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.ResponseStatus, answer.Status)
                .SetProperty(r => r.ResponseBody, answer.Body)
                .SetProperty(r => r.LockedUntil, now), CancellationToken.None);
        }
        else
        {
            await context.IdempotencyRecords.Where(r => r.Key == record.Key)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LockedUntil, now), CancellationToken.None);
        }
    }

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return context.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}
