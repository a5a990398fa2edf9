using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Search.Infrastructure;

public static class ElasticsearchExtensions
{
    /// <summary>
    /// Registers a health check for the Elasticsearch cluster at <c>ConnectionStrings:{connectionName}</c>, when it is set.
    /// Hand-written over HTTP because no Elasticsearch client package is available here.
    /// </summary>
    public static IHostApplicationBuilder AddElasticsearchHealthCheck(this IHostApplicationBuilder builder, string connectionName)
    {
        if (builder.Configuration.GetConnectionString(connectionName) is not { Length: > 0 } connectionString)
        {
            return builder;
        }

        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var clusterUri))
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not an http(s)://user:password@host:port URI.");
        }

        builder.Services.AddHttpClient(connectionName, http => http.Timeout = TimeSpan.FromSeconds(5));
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            serviceProvider => new ElasticsearchHealthCheck(
                clusterUri,
                serviceProvider.GetRequiredService<IHttpClientFactory>().CreateClient(connectionName)),
            HealthStatus.Unhealthy,
            ["ready"],
            TimeSpan.FromSeconds(5)));

        return builder;
    }
}
