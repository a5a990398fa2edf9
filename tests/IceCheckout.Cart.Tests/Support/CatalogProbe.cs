using System.Net;
using System.Net.Http.Json;
using IceCheckout.Cart.Model;

namespace IceCheckout.Cart.Tests.Support;

/// <summary>What Catalog says about products and reservations, read over its own API.</summary>
public sealed class CatalogProbe(CatalogApp catalog)
{
    private readonly HttpClient _public = catalog.CreateClient();
    private readonly HttpClient _staff = catalog.CreateStaffClient();

    public async Task<CatalogProduct> ProductAsync(int id) => (await _public.GetFromJsonAsync<CatalogProduct>($"/api/catalog/products/{id}"))!;

    public async Task<List<CatalogProduct>> ProductsAsync() => (await _public.GetFromJsonAsync<Page>("/api/catalog/products?pageSize=100"))!.Data;

    public async Task<string?> ReservationStatusAsync(Guid orderId)
    {
        var response = await _staff.GetAsync($"/api/catalog/stock/reservations/{orderId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<Reservation>())!.Status;
    }

    public async Task WaitForReservationAsync(Guid orderId, string status)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (await ReservationStatusAsync(orderId) == status)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The reservation of order {orderId} did not become {status}.");
    }

    public async Task WaitForStockAsync(int productId, int stock)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if ((await ProductAsync(productId)).Stock == stock)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Equal(stock, (await ProductAsync(productId)).Stock);
    }

    /// <summary>Sets a product's stock with a staff adjustment.</summary>
    public async Task SetStockAsync(int productId, int stock)
    {
        var delta = stock - (await ProductAsync(productId)).Stock;
        if (delta != 0)
        {
            var response = await _staff.PostAsJsonAsync($"/api/catalog/admin/products/{productId}/stock-adjustments", new { delta, reason = "test" });
            response.EnsureSuccessStatusCode();
        }
    }

    private sealed record Page(List<CatalogProduct> Data);

    private sealed record Reservation(string Status);
}
