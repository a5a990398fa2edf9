namespace IceCheckout.Search.Engines.Elasticsearch;

public static class ElasticsearchExtensions
{
    public static bool AddElasticsearchIndex(this IHostApplicationBuilder builder, string connectionName) =>
        builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 };
}
