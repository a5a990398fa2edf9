using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace IceCheckout.Cart.Infrastructure;

public static class MySqlExtensions
{
    /// <summary>
    /// Registers a <see cref="MySqlDataSource"/> for <c>ConnectionStrings:{connectionName}</c> and a health check named after
    /// the connection. Hand-written because the Aspire MySqlConnector client integration is not available here.
    /// </summary>
    public static IHostApplicationBuilder AddMySqlDataSource(this IHostApplicationBuilder builder, string connectionName)
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not configured.");

        builder.Services.AddSingleton(_ => new MySqlDataSourceBuilder(connectionString).Build());
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            serviceProvider => new MySqlHealthCheck(serviceProvider.GetRequiredService<MySqlDataSource>()),
            HealthStatus.Unhealthy,
            ["ready"],
            TimeSpan.FromSeconds(5)));

        return builder;
    }
}
