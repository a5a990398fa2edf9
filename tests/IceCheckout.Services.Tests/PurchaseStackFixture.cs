using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

/// <summary>
/// Catalog, Detection with the shipped model, Cart and a gateway in front of them, as processes on the stack's servers but
/// with databases, a virtual host and Redis keys of their own, and the keys a shop runs with (Cart's service key for
/// Catalog's reservations, staff keys): a shopper's whole purchase through the gateway. Started on first use, so that the
/// stack's servers are up.
/// </summary>
public sealed class PurchaseStackFixture : IAsyncLifetime
{
    public const string CatalogStaffKey = "test-purchase-catalog-staff-key";
    public const string CartStaffKey = "test-purchase-cart-staff-key";
    private const string CatalogServiceKey = "test-purchase-cart-service-key";

    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly List<ServiceProcess> _services = [];

    // The shipped model on two busy cores can take seconds for a frame.
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    public ServiceProcess Gateway { get; private set; } = null!;

    public ServiceProcess Catalog { get; private set; } = null!;

    public ServiceProcess Cart { get; private set; } = null!;

    public async Task StartAsync(StackFixture stack)
    {
        await _start.WaitAsync();
        try
        {
            if (_services.Count > 0)
            {
                return;
            }

            var messaging = await stack.RabbitMq.CreateVirtualHostAsync();
            Catalog = new ServiceProcess("catalog", new Dictionary<string, string>
            {
                ["ConnectionStrings__catalogdb"] = await stack.MariaDb.CreateDatabaseAsync(),
                ["ConnectionStrings__cache"] = stack.Redis.ConnectionString,
                ["ConnectionStrings__messaging"] = messaging,
                ["Catalog__Cache__KeyPrefix"] = $"purchase-catalog-{Guid.NewGuid():N}:",
                ["Catalog__Staff__ApiKeys__0"] = CatalogStaffKey,
                ["Catalog__Services__ApiKeys__0"] = CatalogServiceKey,
            });
            var detection = new ServiceProcess("detection", new Dictionary<string, string>
            {
                ["ConnectionStrings__cache"] = stack.Redis.ConnectionString,
                ["ConnectionStrings__messaging"] = messaging,
                ["Detection__ModelPath"] = ServiceBinaries.RepositoryFile("models/ice-detector.onnx"),
                ["Detection__ExecutionProvider"] = "cpu",
                // The stack's Detection runs another model on the same Redis: no cached answer of it may come back here.
                ["Detection__CacheSeconds"] = "0",
            });
            Cart = new ServiceProcess("cart", new Dictionary<string, string>
            {
                ["ConnectionStrings__ordersdb"] = await stack.MariaDb.CreateDatabaseAsync(),
                ["ConnectionStrings__cache"] = stack.Redis.ConnectionString,
                ["ConnectionStrings__messaging"] = messaging,
                ["services__catalog__http__0"] = Catalog.BaseAddress.ToString(),
                ["Cart__Catalog__ServiceKey"] = CatalogServiceKey,
                ["Cart__Staff__ApiKeys__0"] = CartStaffKey,
                ["Cart__Carts__KeyPrefix"] = $"purchase-cart-{Guid.NewGuid():N}:",
                ["Cart__Scan__DetectionTimeout"] = "00:01:00",
            });
            Gateway = new ServiceProcess("gateway", StackFixture.GatewayEnvironment(Catalog, stack.Search, Cart, detection));
            _services.AddRange([Catalog, detection, Cart, Gateway]);
            foreach (var service in _services)
            {
                service.Start();
            }

            foreach (var service in new[] { Catalog, detection, Cart })
            {
                await HealthProbe.WaitForStatusAsync(Http, service, "Healthy");
            }

            await HealthProbe.WaitForAsync(Http, Gateway, _ => true, "/alive");
        }
        finally
        {
            _start.Release();
        }
    }

    public Uri Url(string path) => new(Gateway.BaseAddress, path);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }

        Http.Dispose();
        _start.Dispose();
    }
}
