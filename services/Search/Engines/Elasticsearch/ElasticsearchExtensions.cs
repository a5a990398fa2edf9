using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Search.Engines.Elasticsearch;

public static class ElasticsearchExtensions
{
    /// <summary>
    /// When <c>ConnectionStrings:{connectionName}</c> is set (<c>http://user:password@host:port</c>), the index lives on that
    /// cluster and a health check named after the connection reads its health. Returns whether it was set.
    /// </summary>
    public static bool AddElasticsearchIndex(this IHostApplicationBuilder builder, string connectionName)
    {
        if (builder.Configuration.GetConnectionString(connectionName) is not { Length: > 0 } connectionString)
        {
            return false;
        }

        if (!Uri.TryCreate(connectionString, UriKind.Absolute, out var clusterUri) || clusterUri.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"ConnectionStrings:{connectionName} is not an http(s)://user:password@host:port URI.");
        }

        builder.Services.AddSingleton(_ => new ElasticsearchClient(Settings(clusterUri)));
        builder.Services.AddSingleton<IProductIndex, ElasticsearchProductIndex>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            connectionName,
            serviceProvider => new ElasticsearchHealthCheck(serviceProvider.GetRequiredService<ElasticsearchClient>()),
            Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy,
            ["ready"],
            TimeSpan.FromSeconds(5)));
        return true;
    }

    /// <summary>The client's settings for a cluster URI; credentials in the URI become basic authentication.</summary>
    public static ElasticsearchClientSettings Settings(Uri clusterUri, IRequestInvoker? invoker = null)
    {
        var node = new UriBuilder(clusterUri) { UserName = "", Password = "" }.Uri;
        var settings = invoker is null
            ? new ElasticsearchClientSettings(new SingleNodePool(node))
            : new ElasticsearchClientSettings(new SingleNodePool(node), invoker);
        settings.RequestTimeout(TimeSpan.FromSeconds(5));
        if (clusterUri.UserInfo is { Length: > 0 } userInfo)
        {
            var parts = userInfo.Split(':', 2);
            settings.Authentication(new BasicAuthentication(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : ""));
        }

        return settings;
    }
}
