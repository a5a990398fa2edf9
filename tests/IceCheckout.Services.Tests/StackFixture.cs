using IceCheckout.Services.Tests.Infrastructure;
using IceCheckout.Testing;

namespace IceCheckout.Services.Tests;

/// <summary>
/// One real Redis, RabbitMQ and MariaDB, and the five services started against them with the configuration contract of
/// docs/ARCHITECTURE.md, shared by every test of the assembly (the machine is small). Tests that stop something start it again.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public RabbitMqServer RabbitMq { get; } = new();

    public MariaDbServer MariaDb { get; } = new();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(15) };

    public IReadOnlyDictionary<string, ServiceProcess> Services { get; private set; } = new Dictionary<string, ServiceProcess>();

    public ServiceProcess Gateway => Services["gateway"];

    public ServiceProcess Cart => Services["cart"];

    public ServiceProcess Search => Services["search"];

    public ServiceProcess Detection => Services["detection"];

    public ServiceProcess Catalog => Services["catalog"];

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Redis.InitializeAsync(), RabbitMq.InitializeAsync(), MariaDb.InitializeAsync());

        var catalogDb = await MariaDb.CreateDatabaseAsync();
        var ordersDb = await MariaDb.CreateDatabaseAsync();
        var messaging = await RabbitMq.CreateVirtualHostAsync();

        var catalog = new ServiceProcess("catalog", new Dictionary<string, string>
        {
            ["ConnectionStrings__catalogdb"] = catalogDb,
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
        });
        var search = new ServiceProcess("search", new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = messaging,
            ["services__catalog__http__0"] = catalog.BaseAddress.ToString(),
        });
        var detection = new ServiceProcess("detection", new Dictionary<string, string>
        {
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
            // A small model of the detection tests: these tests are about the configuration contract, not the trained model.
            ["Detection__ModelPath"] = ServiceBinaries.RepositoryFile("tests/IceCheckout.Detection.Tests/Models/yolov8-tiny.onnx"),
        });
        var cart = new ServiceProcess("cart", new Dictionary<string, string>
        {
            ["ConnectionStrings__ordersdb"] = ordersDb,
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
            ["services__catalog__http__0"] = catalog.BaseAddress.ToString(),
        });
        var gateway = new ServiceProcess("gateway", GatewayEnvironment(catalog, search, cart, detection));

        Services = new[] { catalog, search, detection, cart, gateway }.ToDictionary(service => service.Name);
        foreach (var service in Services.Values)
        {
            service.Start();
        }
    }

    /// <summary>What the AppHost hands the gateway: the address of every service.</summary>
    public static Dictionary<string, string> GatewayEnvironment(
        ServiceProcess catalog, ServiceProcess search, ServiceProcess cart, ServiceProcess detection) => new()
        {
            ["services__catalog__http__0"] = catalog.BaseAddress.ToString(),
            ["services__search__http__0"] = search.BaseAddress.ToString(),
            ["services__cart__http__0"] = cart.BaseAddress.ToString(),
            ["services__detection__http__0"] = detection.BaseAddress.ToString(),
            ["WebApp__DistPath"] = Path.Combine(Path.GetTempPath(), $"icecheckout-no-web-app-{Guid.NewGuid():N}"),
        };

    public async Task DisposeAsync()
    {
        foreach (var service in Services.Values)
        {
            await service.DisposeAsync();
        }

        Http.Dispose();
        await Task.WhenAll(Redis.DisposeAsync(), RabbitMq.DisposeAsync(), MariaDb.DisposeAsync());
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "stack";
}
