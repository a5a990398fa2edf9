using System.Collections.Concurrent;
using System.Reflection;

namespace IceCheckout.Messaging.Infrastructure;

internal static class RoutingKeys
{
    private static readonly ConcurrentDictionary<Type, string> s_cache = new();

    public static string Of(Type eventType) => s_cache.GetOrAdd(eventType, type =>
        type.GetCustomAttribute<RoutingKeyAttribute>()?.RoutingKey
        ?? throw new InvalidOperationException($"{type.Name} has no [RoutingKey] attribute."));
}
