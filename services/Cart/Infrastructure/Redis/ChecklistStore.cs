using System.Text.Json;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Cart.Infrastructure.Redis;

/// <summary>Checklists as JSON strings in Redis, kept for <see cref="ChecklistOptions.Lifetime"/> after their last change.</summary>
public sealed class ChecklistStore(
    IConnectionMultiplexer redis,
    IOptions<CartOptions> cartOptions,
    IOptions<ChecklistOptions> options,
    TimeProvider time)
{
    private const int MaxAttempts = 10;

    public TimeSpan Lifetime => options.Value.Lifetime;

    public async Task<ChecklistState> CreateAsync()
    {
        while (true)
        {
            var now = time.GetUtcNow();
            var checklist = new ChecklistState(Guid.CreateVersion7(), ChecklistCode.New(), [], now, now);
            if (await Database.StringSetAsync(Key(checklist.Code), Serialize(checklist), Lifetime, When.NotExists))
            {
                return checklist;
            }
        }
    }

    public async Task<ChecklistState?> GetAsync(string code)
    {
        var value = await Database.StringGetAsync(Key(code));
        return value.IsNull ? null : Deserialize(value!);
    }

    /// <summary>Applies the change if the checklist is still what it was read as; <c>null</c> when there is no such checklist.</summary>
    public async Task<ChecklistState?> UpdateAsync(string code, Func<ChecklistState, ChecklistState> change)
    {
        var key = Key(code);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await Database.StringGetAsync(key);
            if (current.IsNull)
            {
                return null;
            }

            var changed = change(Deserialize(current!)) with { UpdatedAt = time.GetUtcNow() };
            var transaction = Database.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(key, current));
            _ = transaction.StringSetAsync(key, Serialize(changed), Lifetime);
            if (await transaction.ExecuteAsync())
            {
                return changed;
            }
        }

        throw new InvalidOperationException($"Checklist {code} kept changing under {MaxAttempts} attempts to update it.");
    }

    private IDatabase Database => redis.GetDatabase();

    private string Key(string code) => $"{cartOptions.Value.KeyPrefix}checklist:{code}";

    private static string Serialize(ChecklistState checklist) => JsonSerializer.Serialize(checklist, JsonSerializerOptions.Web);

    private static ChecklistState Deserialize(string json) =>
        JsonSerializer.Deserialize<ChecklistState>(json, JsonSerializerOptions.Web) ?? throw new InvalidOperationException("A stored checklist is empty.");
}
