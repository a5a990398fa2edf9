using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace IceCheckout.Cart.Infrastructure;

/// <summary>Healthy when a connection to the database opens and answers a ping.</summary>
public sealed class MySqlHealthCheck(MySqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            return await connection.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer a ping.");
        }
        catch (MySqlException exception)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, exception.Message, exception);
        }
    }
}
