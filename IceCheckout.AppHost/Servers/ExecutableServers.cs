using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace IceCheckout.AppHost.Servers;

/// <summary>
/// Redis, RabbitMQ and MariaDB from the operating system's packages, each run by <c>scripts/servers.sh run</c> (the same
/// set-up the scripts and the test fixtures use), with data under <c>Servers:DataDirectory</c> (default <c>.data/</c>).
/// </summary>
internal static class ExecutableServers
{
    public const string DataDirectoryKey = "Servers:DataDirectory";

    // scripts/servers.sh creates this user and both databases at every start of MariaDB.
    private const string MariaDbUser = "icecheckout";

    public static StoreServers AddServerExecutables(this IDistributedApplicationBuilder builder)
    {
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var dataDirectory = Path.GetFullPath(builder.Configuration[DataDirectoryKey] ?? ".data", repositoryRoot);

        var redisPassword = builder.AddParameter("redis-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);
        var cache = builder.AddServer("cache", "redis", repositoryRoot, dataDirectory,
                endpoint => ReferenceExpression.Create($"{endpoint.Property(EndpointProperty.HostAndPort)},password={redisPassword}"))
            .WithEnvironment("REDIS_PASSWORD", redisPassword)
            .WithConnectionHealthCheck((checks, name, connectionString) =>
                checks.AddRedis(_ => connectionString() ?? throw new InvalidOperationException("Redis has no address yet."), name));

        var messaging = builder.AddServer("messaging", "rabbitmq", repositoryRoot, dataDirectory,
                endpoint => ReferenceExpression.Create($"amqp://guest:guest@{endpoint.Property(EndpointProperty.HostAndPort)}"))
            .WithConnectionHealthCheck((checks, name, connectionString) =>
            {
                IConnection? connection = null; // one connection, kept: it recovers by itself after a broker restart
                checks.AddRabbitMQ(async _ => connection ??= await new ConnectionFactory
                {
                    Uri = new Uri(connectionString() ?? throw new InvalidOperationException("RabbitMQ has no address yet.")),
                }.CreateConnectionAsync(), name);
            });

        var password = builder.AddParameter("mariadb-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true);
        var mariadb = builder.AddServer("mariadb", "mariadb", repositoryRoot, dataDirectory,
                endpoint => ReferenceExpression.Create(
                    $"Server={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};User ID={MariaDbUser};Password={password}"))
            .WithEnvironment("MARIADB_PASSWORD", password);

        return new StoreServers(
            CatalogDb: builder.AddDatabase(mariadb, "catalogdb"),
            OrdersDb: builder.AddDatabase(mariadb, "ordersdb"),
            Cache: cache,
            Messaging: messaging,
            Search: null); // Elasticsearch has no Debian package: Search uses its embedded index
    }

    private static IResourceBuilder<ServerResource> AddServer(
        this IDistributedApplicationBuilder builder,
        string name,
        string server,
        string repositoryRoot,
        string dataDirectory,
        Func<EndpointReference, ReferenceExpression> connectionString)
    {
        var resource = new ServerResource(name, repositoryRoot, connectionString);
        return builder.AddResource(resource)
            .WithEndpoint(name: ServerResource.EndpointName, scheme: "tcp")
            .WithArgs(context =>
            {
                context.Args.Add("scripts/servers.sh");
                context.Args.Add("run");
                context.Args.Add(server);
                context.Args.Add("--dir");
                context.Args.Add(dataDirectory);
                context.Args.Add("--port");
                context.Args.Add(resource.Endpoint.Property(EndpointProperty.TargetPort));
            });
    }

    /// <summary>A database of the MariaDB server, healthy once a connection to it opens.</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddDatabase(
        this IDistributedApplicationBuilder builder, IResourceBuilder<ServerResource> mariadb, string database)
    {
        return builder.AddConnectionString(database, ReferenceExpression.Create($"{mariadb.Resource};Database={database}"))
            .WithParentRelationship(mariadb)
            .WithConnectionHealthCheck((checks, name, connectionString) =>
                checks.Add(new(name, _ => new MySqlHealthCheck(connectionString), failureStatus: null, tags: null)));
    }

    /// <summary>
    /// A health check of the resource that connects with its connection string, as the services will; the orchestrator
    /// starts the services that wait for the resource once it passes.
    /// </summary>
    private static IResourceBuilder<T> WithConnectionHealthCheck<T>(
        this IResourceBuilder<T> resource, Action<IHealthChecksBuilder, string, Func<string?>> addCheck)
        where T : IResourceWithConnectionString
    {
        string? connectionString = null;
        resource.OnConnectionStringAvailable(async (r, _, cancellationToken) =>
            connectionString = await r.ConnectionStringExpression.GetValueAsync(cancellationToken));

        var name = $"{resource.Resource.Name}_check";
        addCheck(resource.ApplicationBuilder.Services.AddHealthChecks(), name, () => connectionString);
        return resource.WithHealthCheck(name);
    }
}
