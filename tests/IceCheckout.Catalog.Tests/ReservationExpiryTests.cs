using System.Net;
using System.Net.Http.Json;
using IceCheckout.Catalog.Model;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class ReservationExpiryTests(CatalogServers servers)
{
    [Fact]
    public async Task A_held_reservation_expires_after_its_lifetime_and_its_stock_returns()
    {
        await using var app = await CatalogApp.StartAsync(servers, settings: new Dictionary<string, string?>
        {
            ["Catalog:Stock:ReservationLifetime"] = "00:00:01",
        });
        var staff = app.CreateStaffClient();
        var service = app.CreateServiceClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 4));
        var orderId = Guid.NewGuid();

        var reserved = await service.PostAsJsonAsync("/api/catalog/stock/reservations", new ReserveStockRequest(orderId, [new(product.Id, 3)]));
        Assert.Equal(HttpStatusCode.Created, reserved.StatusCode);
        var held = (await reserved.Content.ReadFromJsonAsync<StockReservationItem>())!;
        Assert.Equal("Held", held.Status);
        Assert.InRange(held.ExpiresAt - held.CreatedAt, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);

        // The expiry sweep runs on its own schedule: poll, bounded, for what it must end in.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        StockReservationItem? reservation;
        do
        {
            await Task.Delay(500, timeout.Token);
            reservation = await service.GetFromJsonAsync<StockReservationItem>($"/api/catalog/stock/reservations/{orderId}", timeout.Token);
        }
        while (reservation!.Status == "Held");

        Assert.Equal("Released", reservation.Status);
        Assert.Equal(4, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
        var movements = await staff.GetFromJsonAsync<List<StockMovementItem>>($"/api/catalog/admin/products/{product.Id}/stock-movements");
        Assert.Contains(movements!, m => m.Delta == 3 && m.StockAfter == 4);
    }
}
