using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace IceCheckout.AppHost.Servers;

/// <summary>Healthy once a connection to the database opens and answers a ping (Aspire.Hosting.MySql, which has one, is not served here).</summary>
internal sealed class MySqlHealthCheck(Func<string?> connectionString) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (connectionString() is not { } value)
        {
            return HealthCheckResult.Unhealthy("The connection string is not known yet.");
        }

        try
        {
            await using var connection = new MySqlConnection(value);
            await connection.OpenAsync(cancellationToken);
            return await connection.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The server did not answer a ping.");
        }
        catch (MySqlException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
