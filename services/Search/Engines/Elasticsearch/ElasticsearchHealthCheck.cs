using Elastic.Clients.Elasticsearch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Search.Engines.Elasticsearch;

/// <summary>The cluster's own health through the client: green is Healthy, yellow Degraded, red or no answer the registration's failure status.</summary>
public sealed class ElasticsearchHealthCheck(ElasticsearchClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = await client.Cluster.HealthAsync(cancellationToken);
        if (!health.IsValidResponse)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Elasticsearch did not answer its health: {health.ApiCallDetails.HttpStatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? health.ApiCallDetails.OriginalException?.Message}");
        }

        return health.Status switch
        {
            Elastic.Clients.Elasticsearch.HealthStatus.Green => HealthCheckResult.Healthy(),
            Elastic.Clients.Elasticsearch.HealthStatus.Yellow => HealthCheckResult.Degraded("The cluster is yellow."),
            _ => new HealthCheckResult(context.Registration.FailureStatus, "The cluster is red."),
        };
    }
}
