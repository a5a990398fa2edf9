using System.Net;
using System.Net.Sockets;
using IceCheckout.Testing;

namespace IceCheckout.Search.Tests.Support;

/// <summary>One real MariaDB, Redis and RabbitMQ for the service-level tests; each test gets its own database and virtual host.</summary>
public sealed class SearchServers : IAsyncLifetime
{
    public MariaDbServer MariaDb { get; } = new();

    public RedisServer Redis { get; } = new();

    public RabbitMqServer RabbitMq { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(MariaDb.InitializeAsync(), Redis.InitializeAsync(), RabbitMq.InitializeAsync());

    public Task DisposeAsync() => Task.WhenAll(MariaDb.DisposeAsync(), Redis.DisposeAsync(), RabbitMq.DisposeAsync());

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class SearchServersCollection : ICollectionFixture<SearchServers>
{
    public const string Name = "search servers";
}
