using IceCheckout.Testing;

namespace IceCheckout.Catalog.Tests;

/// <summary>One real MariaDB, Redis and RabbitMQ for all catalogue tests; each test app gets its own database and virtual host.</summary>
public sealed class CatalogServers : IAsyncLifetime
{
    public MariaDbServer MariaDb { get; } = new();

    public RedisServer Redis { get; } = new();

    public RabbitMqServer RabbitMq { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(MariaDb.InitializeAsync(), Redis.InitializeAsync(), RabbitMq.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(MariaDb.DisposeAsync(), Redis.DisposeAsync(), RabbitMq.DisposeAsync());
}

[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<CatalogServers>
{
    public const string Name = "catalog servers";
}
