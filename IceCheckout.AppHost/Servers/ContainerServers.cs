namespace IceCheckout.AppHost.Servers;

/// <summary>MySQL, Redis, RabbitMQ and Elasticsearch as containers (built with <c>-p:AspireContainers=true</c>).</summary>
internal static class ContainerServers
{
    public static StoreServers AddServerContainers(this IDistributedApplicationBuilder builder)
    {
        // Where `aspire publish` / `aspire deploy` put every project and container.
        builder.AddAzureContainerAppEnvironment("aca");

        var mysql = builder.AddMySql("mysql").WithDataVolume();
        var cache = builder.AddRedis("cache");
        var messaging = builder.AddRabbitMQ("messaging").WithManagementPlugin();
        var elasticsearch = builder.AddElasticsearch("elasticsearch").WithDataVolume();

        return new StoreServers(
            CatalogDb: mysql.AddDatabase("catalogdb"),
            OrdersDb: mysql.AddDatabase("ordersdb"),
            Cache: cache,
            Messaging: messaging,
            Search: elasticsearch);
    }
}
