using System.Collections.Concurrent;
using IceCheckout.Testing;

namespace IceCheckout.Catalog.Tests;

/// <summary>One real MariaDB, Redis and RabbitMQ for all catalogue tests; each test app gets its own database and virtual host.</summary>
public sealed class CatalogServers : IAsyncLifetime
{
    public MariaDbServer MariaDb { get; } = new();

    public RedisServer Redis { get; } = new();

    public RabbitMqServer RabbitMq { get; } = new();

    private readonly ConcurrentDictionary<string, Lazy<Task<CatalogApp>>> _sharedApps = new();

    public Task InitializeAsync() => Task.WhenAll(MariaDb.InitializeAsync(), Redis.InitializeAsync(), RabbitMq.InitializeAsync());

    /// <summary>One app per test class, started on first use: each class has its own database, its tests share it.</summary>
    public Task<CatalogApp> SharedAppAsync(string name) =>
        _sharedApps.GetOrAdd(name, _ => new Lazy<Task<CatalogApp>>(() => CatalogApp.StartAsync(this))).Value;

    public async Task DisposeAsync()
    {
        foreach (var app in _sharedApps.Values.Where(app => app.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }

        await Task.WhenAll(MariaDb.DisposeAsync(), Redis.DisposeAsync(), RabbitMq.DisposeAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class CatalogCollection : ICollectionFixture<CatalogServers>
{
    public const string Name = "catalog servers";
}
