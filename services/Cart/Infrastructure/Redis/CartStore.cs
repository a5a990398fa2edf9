using System.Text.Json;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Cart.Infrastructure.Redis;

/// <summary>
/// Carts as JSON strings in Redis with a sliding expiry: every read or write of a cart starts its lifetime again. A
/// change is written only if the cart is still what it was read as (a conditional transaction), so two requests on one
/// cart never lose each other's change and a failed request leaves the cart as it was.
/// </summary>
public sealed class CartStore(IConnectionMultiplexer redis, IOptions<CartOptions> options, TimeProvider time)
{
    private const int MaxAttempts = 10;
    private readonly CartOptions _options = options.Value;

    public TimeSpan Lifetime => _options.Lifetime;

    public async Task<CartState> CreateAsync()
    {
        var cart = CartState.New(time.GetUtcNow());
        await Database.StringSetAsync(Key(cart.Id), Serialize(cart), _options.Lifetime, When.NotExists);
        return cart;
    }

    public async Task<CartState?> GetAsync(Guid id) => (await ReadAsync(id))?.Cart;

    /// <summary>The cart and the value it was read from, so that a later <see cref="UpdateAsync{T}"/> can start from it.</summary>
    public async Task<StoredCart?> ReadAsync(Guid id)
    {
        var value = await Database.StringGetSetExpiryAsync(Key(id), _options.Lifetime);
        return value.IsNull ? null : new StoredCart(Deserialize(value!), value);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current cart and stores its result; <c>null</c> from the change means
    /// "leave it as it is". Returns the cart as stored, or <c>null</c> when there is no such cart.
    /// </summary>
    public Task<CartChange<T>?> UpdateAsync<T>(Guid id, Func<CartState, (CartState? Changed, T Outcome)> change) =>
        UpdateAsync(id, change, beforeWrite: null, readFirst: null);

    /// <summary>
    /// As above; the first attempt starts from <paramref name="readFirst"/> (read moments ago) instead of reading again,
    /// and <paramref name="beforeWrite"/> sees every changed cart before it is written: when it throws, nothing is written.
    /// </summary>
    public async Task<CartChange<T>?> UpdateAsync<T>(
        Guid id, Func<CartState, (CartState? Changed, T Outcome)> change, Func<CartState, Task>? beforeWrite, StoredCart? readFirst)
    {
        var key = Key(id);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = attempt == 0 && readFirst is not null ? readFirst.Value : await Database.StringGetAsync(key);
            if (current.IsNull)
            {
                return null;
            }

            var cart = attempt == 0 && readFirst is not null ? readFirst.Cart : Deserialize(current!);
            var (changed, outcome) = change(cart);
            if (changed is null)
            {
                await Database.KeyExpireAsync(key, _options.Lifetime);
                return new CartChange<T>(cart, outcome);
            }

            changed = changed with { UpdatedAt = time.GetUtcNow() };
            if (beforeWrite is not null)
            {
                await beforeWrite(changed);
            }

            var transaction = Database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(key, current));
            _ = transaction.StringSetAsync(key, Serialize(changed), _options.Lifetime);
            if (await transaction.ExecuteAsync())
            {
                return new CartChange<T>(changed, outcome);
            }
        }

        throw new InvalidOperationException($"Cart {id} kept changing under {MaxAttempts} attempts to update it.");
    }

    private IDatabase Database => redis.GetDatabase();

    private string Key(Guid id) => $"{_options.KeyPrefix}cart:{id:N}";

    private static string Serialize(CartState cart) => JsonSerializer.Serialize(cart, JsonSerializerOptions.Web);

    private static CartState Deserialize(string json) =>
        JsonSerializer.Deserialize<CartState>(json, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("A stored cart is empty.");
}

public sealed record CartChange<T>(CartState Cart, T Outcome);

/// <param name="Value">The stored value the cart was read from: a change is written only while it is still this.</param>
public sealed record StoredCart(CartState Cart, RedisValue Value);
