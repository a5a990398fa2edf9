using IceCheckout.Services.Tests.Infrastructure;
using IceCheckout.Testing;

namespace IceCheckout.Services.Tests;

/// <summary>
/// One real Redis, RabbitMQ and MariaDB, and the five services started against them with the configuration contract of
/// docs/ARCHITECTURE.md, shared by every test of the assembly (the machine is small). Tests that stop something start it again.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    public const string StaffUser = "manager";
    public const string StaffPassword = "correct horse battery staple";
    public const string StaffKey = "stack-staff-key";
    public const string ServiceKey = "stack-service-key";

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

    /// <summary>The name of Catalog's database on <see cref="MariaDb"/>.</summary>
    public string CatalogDatabase { get; private set; } = "";

    /// <summary>The name of Cart's orders database on <see cref="MariaDb"/>.</summary>
    public string OrdersDatabase { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Redis.InitializeAsync(), RabbitMq.InitializeAsync(), MariaDb.InitializeAsync());

        var catalogDb = await MariaDb.CreateDatabaseAsync();
        var ordersDb = await MariaDb.CreateDatabaseAsync();
        var messaging = await RabbitMq.CreateVirtualHostAsync();
        CatalogDatabase = catalogDb[(catalogDb.LastIndexOf("Database=", StringComparison.Ordinal) + "Database=".Length)..];
        OrdersDatabase = ordersDb[(ordersDb.LastIndexOf("Database=", StringComparison.Ordinal) + "Database=".Length)..];

        var catalog = new ServiceProcess("catalog", new Dictionary<string, string>
        {
            ["ConnectionStrings__catalogdb"] = catalogDb,
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
            ["Catalog__Staff__ApiKeys__0"] = StaffKey,
            ["Catalog__Services__ApiKeys__0"] = ServiceKey,
        });
        var search = new ServiceProcess("search", new Dictionary<string, string>
        {
            ["ConnectionStrings__messaging"] = messaging,
            ["services__catalog__http__0"] = catalog.BaseAddress.ToString(),
            ["Search__Staff__ApiKeys__0"] = StaffKey,
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
            ["Cart__Catalog__ServiceKey"] = ServiceKey,
            ["Cart__Staff__ApiKeys__0"] = StaffKey,
        });
        var gatewayEnvironment = GatewayEnvironment(catalog, search, cart, detection);
        foreach (var (key, value) in StaffEnvironment())
        {
            gatewayEnvironment[key] = value;
        }

        var gateway = new ServiceProcess("gateway", gatewayEnvironment);

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

    /// <summary>
    /// A staff account and the staff key of every service, and limits that the suites sending many requests from one
    /// address never meet (the limits themselves are checked in <c>GatewayLimitTests</c>).
    /// </summary>
    private static Dictionary<string, string> StaffEnvironment() => new()
    {
        [$"Gateway__Staff__Accounts__{StaffUser}"] = new Microsoft.AspNetCore.Identity.PasswordHasher<string>().HashPassword(StaffUser, StaffPassword),
        ["Gateway__Staff__ApiKeys__catalog"] = StaffKey,
        ["Gateway__Staff__ApiKeys__cart"] = StaffKey,
        ["Gateway__Staff__ApiKeys__search"] = StaffKey,
        ["Gateway__Staff__SecureCookie"] = "false",
        ["Gateway__RateLimits__Scan__PermitLimit"] = "100000",
        ["Gateway__RateLimits__Detect__PermitLimit"] = "100000",
        ["Gateway__RateLimits__Search__PermitLimit"] = "100000",
        ["Gateway__RateLimits__SignIn__PermitLimit"] = "100000",
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
