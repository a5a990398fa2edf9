using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Microsoft.Extensions.Hosting;

public static class RedisExtensions
{
    /// <summary>
    /// Aspire's Redis client (<c>AddRedisClient</c>): one shared <see cref="IConnectionMultiplexer"/> from
    /// <c>ConnectionStrings:{connectionName}</c> that connects in the background and keeps retrying, so the service starts
    /// while Redis is down, and a span for every command. Its health check is named after the connection and tagged
    /// <c>ready</c>, like the service's other dependencies.
    /// </summary>
    /// <param name="failureStatus">Degraded where the service works without Redis (a cache), Unhealthy where it cannot.</param>
    public static IHostApplicationBuilder AddRedisConnection(
        this IHostApplicationBuilder builder,
        string connectionName,
        HealthStatus failureStatus = HealthStatus.Unhealthy)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(connectionName)))
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");
        }

        // Aspire's own check is always Unhealthy and named "StackExchange.Redis"; ours says which connection and how bad.
        builder.AddRedisClient(connectionName, settings => settings.DisableHealthChecks = true);
        builder.Services.AddHealthChecks().AddRedis(
            sp => sp.GetRequiredService<IConnectionMultiplexer>(),
            name: connectionName,
            failureStatus: failureStatus,
            tags: ["ready"],
            timeout: TimeSpan.FromSeconds(3));

        return builder;
    }
}
