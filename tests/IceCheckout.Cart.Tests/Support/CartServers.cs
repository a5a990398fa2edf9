using System.Collections.Concurrent;
using IceCheckout.Testing;

namespace IceCheckout.Cart.Tests.Support;

/// <summary>One real MariaDB, Redis and RabbitMQ for all cart tests; each test class gets its own stack on them.</summary>
public sealed class CartServers : IAsyncLifetime
{
    public MariaDbServer MariaDb { get; } = new();

    public RedisServer Redis { get; } = new();

    public RabbitMqServer RabbitMq { get; } = new();

    private readonly ConcurrentDictionary<string, Lazy<Task<CartStack>>> _stacks = new();

    public Task InitializeAsync() => Task.WhenAll(MariaDb.InitializeAsync(), Redis.InitializeAsync(), RabbitMq.InitializeAsync());

    /// <summary>One stack per test class, started on first use: its own databases, virtual host and key prefixes.</summary>
    public Task<CartStack> SharedStackAsync(string name, IReadOnlyDictionary<string, string?>? cartSettings = null) =>
        _stacks.GetOrAdd(name, _ => new Lazy<Task<CartStack>>(() => CartStack.StartAsync(this, cartSettings))).Value;

    public async Task DisposeAsync()
    {
        foreach (var stack in _stacks.Values.Where(s => s.IsValueCreated))
        {
            await (await stack.Value).DisposeAsync();
        }

        await Task.WhenAll(MariaDb.DisposeAsync(), Redis.DisposeAsync(), RabbitMq.DisposeAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class CartCollection : ICollectionFixture<CartServers>
{
    public const string Name = "cart servers";
}
