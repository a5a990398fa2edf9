extern alias CartService;

using IceCheckout.Search.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using CartProgram = CartService::Program;
using OrdersReadiness = CartService::IceCheckout.Cart.Infrastructure.Orders.OrdersReadiness;

namespace IceCheckout.Search.Tests.Feed;

/// <summary>The real Cart service on a loopback port (Kestrel), on its own orders database, pricing from the real Catalog.</summary>
public sealed class CartInstance(string ordersDb, string cache, string messaging, Uri catalog, int port) : WebApplicationFactory<CartProgram>
{
    public Uri Address { get; } = new($"http://127.0.0.1:{port}");

    public static async Task<CartInstance> StartAsync(SearchServers servers, string messaging, Uri catalog)
    {
        var cart = new CartInstance(await servers.MariaDb.CreateDatabaseAsync(), servers.Redis.ConnectionString, messaging, catalog, SearchServers.FreePort());
        cart.UseKestrel(cart.Address.Port);
        cart.StartServer();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await cart.Services.GetRequiredService<OrdersReadiness>().WaitAsync(timeout.Token);
        return cart;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:ordersdb", ordersDb);
        builder.UseSetting("ConnectionStrings:cache", cache);
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("Cart:Carts:KeyPrefix", $"cart-{Guid.NewGuid():N}:");
        builder.UseSetting("Cart:Catalog:BaseAddress", catalog.ToString());
        builder.UseSetting("Cart:Catalog:ServiceKey", CatalogInstance.ServiceKey);
        builder.UseSetting("Cart:Services:ApiKeys:0", FeedApp.CartServiceKey);
        builder.UseSetting("Cart:Outbox:PollInterval", "00:00:00.500");
        builder.UseSetting("Cart:Checkout:ReconcileInterval", "01:00:00");
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = Address };
}
