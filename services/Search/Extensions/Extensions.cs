using IceCheckout.Search.Infrastructure;

namespace IceCheckout.Search;

public static class Extensions
{
    /// <summary>The dependencies of the search service from the configuration contract, each with its health check.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddRabbitMqMessaging("messaging");

        // Elasticsearch only where one is configured; without it the service keeps its index in process.
        builder.AddElasticsearchHealthCheck("search");

        return builder;
    }
}
