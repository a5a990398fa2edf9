using IceCheckout.Cart.Infrastructure.Orders;
using Microsoft.Extensions.DependencyInjection;

namespace IceCheckout.Cart.Tests.Support;

/// <summary>Catalog, Detection and Cart on one virtual host, each with its own database and Redis keys.</summary>
public sealed class CartStack : IAsyncDisposable
{
    private CartStack(CatalogApp catalog, DetectionApp detection, CartApp cart, string ordersDb, string correctionsFolder)
    {
        Catalog = catalog;
        Detection = detection;
        Cart = cart;
        OrdersDb = ordersDb;
        CorrectionsFolder = correctionsFolder;
    }

    public CatalogApp Catalog { get; }

    public DetectionApp Detection { get; }

    public CartApp Cart { get; }

    public string OrdersDb { get; }

    /// <summary>Where this stack's Cart keeps scans' frames and corrections (a temporary folder, deleted with the stack).</summary>
    public string CorrectionsFolder { get; }

    public static async Task<CartStack> StartAsync(CartServers servers, IReadOnlyDictionary<string, string?>? cartSettings = null, bool withDetection = true)
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        var catalog = new CatalogApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:catalogdb"] = await servers.MariaDb.CreateDatabaseAsync(),
            ["ConnectionStrings:cache"] = servers.Redis.ConnectionString,
            ["ConnectionStrings:messaging"] = messaging,
            ["Catalog:Cache:KeyPrefix"] = $"catalog-{Guid.NewGuid():N}:",
        });
        await catalog.WaitUntilReadyAsync();

        var detection = new DetectionApp(new Dictionary<string, string?>
        {
            ["ConnectionStrings:cache"] = servers.Redis.ConnectionString,
            ["ConnectionStrings:messaging"] = messaging,
        });
        if (withDetection)
        {
            detection.StartServer();
        }

        var ordersDb = await servers.MariaDb.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:ordersdb"] = ordersDb,
            ["ConnectionStrings:cache"] = servers.Redis.ConnectionString,
            ["ConnectionStrings:messaging"] = messaging,
            ["Cart:Carts:KeyPrefix"] = $"cart-{Guid.NewGuid():N}:",
            // The shipped model on a busy CPU can take seconds per frame; the 503 path is tested with its own, short timeout.
            ["Cart:Scan:DetectionTimeout"] = "00:01:00",
            ["Cart:Checkout:PaymentTimeout"] = "00:00:03",
            // Tests run the reconciler's pass themselves.
            ["Cart:Checkout:ReconcileInterval"] = "01:00:00",
            ["Cart:Checkout:ReconcileAfter"] = "00:00:00",
            ["Cart:Outbox:PollInterval"] = "00:00:00.500",
            ["Cart:Corrections:Folder"] = Path.Combine(Path.GetTempPath(), $"icecheckout-corrections-{Guid.NewGuid():N}"),
        };
        foreach (var (key, value) in cartSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var cart = new CartApp(settings, catalog);
        cart.StartServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await cart.Services.GetRequiredService<OrdersReadiness>().WaitAsync(timeout.Token);
        return new CartStack(catalog, detection, cart, ordersDb, settings["Cart:Corrections:Folder"]!);
    }

    public async ValueTask DisposeAsync()
    {
        await Cart.DisposeAsync();
        await Detection.DisposeAsync();
        await Catalog.DisposeAsync();
        if (Directory.Exists(CorrectionsFolder))
        {
            Directory.Delete(CorrectionsFolder, recursive: true);
        }
    }
}
