using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

/// <summary>
/// A tray photo posted through the gateway becomes a priced cart, and a checkout with <c>tok_visa</c> a paid order whose
/// stock leaves Catalog exactly once: Cart, Catalog and the Detection worker with the shipped model, each a real process.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class GatewayPurchaseTests(StackFixture stack, PurchaseStackFixture shop) : IClassFixture<PurchaseStackFixture>
{
    // A held-out tray the shipped model reads exactly, every detection above the sure level.
    private static readonly HeldOutTray s_tray = HeldOutTray.Read("test_000000");

    [Fact]
    public async Task A_tray_photo_through_the_gateway_becomes_a_priced_cart_and_a_paid_order_whose_stock_leaves_catalog_once()
    {
        await shop.StartAsync(stack);
        var http = shop.Http;
        var prices = await CatalogProductsAsync(s_tray.Contents.Keys);
        var stockBefore = prices.ToDictionary(p => p.Key, p => p.Value.Stock);

        using var created = await http.PostAsync(shop.Url("/api/carts"), null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cart = (await created.Content.ReadFromJsonAsync<Cart>())!;

        using var scanned = await http.PostAsync(shop.Url($"/api/carts/{cart.Id}/scan"), Frames(s_tray.Image));
        Assert.True(scanned.StatusCode == HttpStatusCode.OK, $"scan answered {(int)scanned.StatusCode}: {await scanned.Content.ReadAsStringAsync()}");
        var scan = (await scanned.Content.ReadFromJsonAsync<Scan>())!;

        Assert.Equal(s_tray.Contents.OrderBy(c => c.Key), scan.Cart.Lines.Select(l => KeyValuePair.Create(l.DetectionLabel!, l.Quantity)).OrderBy(c => c.Key));
        Assert.All(scan.Cart.Lines, line =>
        {
            Assert.Equal(("scan", false), (line.Source, line.NeedsCheck));
            Assert.Equal((prices[line.DetectionLabel!].Id, prices[line.DetectionLabel!].Price), (line.ProductId, line.UnitPrice));
            Assert.Equal(line.UnitPrice * line.Quantity, line.LineTotal);
        });
        var total = s_tray.Contents.Sum(c => prices[c.Key].Price * c.Value);
        Assert.Equal((total, "KRW"), (scan.Cart.Total, scan.Cart.Currency));
        Assert.Equal(s_tray.Contents.Values.Sum(), scan.Detections.Count);
        Assert.Equal(scan.Cart.Lines, (await http.GetFromJsonAsync<Cart>(shop.Url($"/api/carts/{cart.Id}")))!.Lines);

        var key = Guid.NewGuid().ToString();
        using var paid = await CheckoutAsync(cart.Id, key);
        var paidBody = await paid.Content.ReadAsStringAsync();
        Assert.True(paid.StatusCode == HttpStatusCode.Created, $"checkout answered {(int)paid.StatusCode}: {paidBody}");
        var receipt = (await paid.Content.ReadFromJsonAsync<Receipt>())!;
        Assert.Equal(("Paid", total), (receipt.State, receipt.Total));
        Assert.False(string.IsNullOrEmpty(receipt.PaymentReference));
        Assert.NotNull(receipt.PaidAt);
        Assert.Equal(
            scan.Cart.Lines.Select(l => (l.ProductId, l.UnitPrice, l.Quantity)).Order(),
            receipt.Lines.Select(l => (l.ProductId, l.UnitPrice, l.Quantity)).Order());
        var stored = (await http.GetFromJsonAsync<Receipt>(shop.Url($"/api/orders/{receipt.Id}")))!;
        Assert.Equal((receipt.State, receipt.Total, receipt.PaymentReference), (stored.State, stored.Total, stored.PaymentReference));

        Assert.Equal("Committed", await WaitForReservationAsync(receipt.Id, "Committed"));
        var stockAfter = (await CatalogProductsAsync(s_tray.Contents.Keys)).ToDictionary(p => p.Key, p => p.Value.Stock);
        Assert.Equal(stockBefore.ToDictionary(s => s.Key, s => s.Value - s_tray.Contents[s.Key]), stockAfter);

        using var replay = await CheckoutAsync(cart.Id, key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(paidBody, await replay.Content.ReadAsStringAsync());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("Committed", await ReservationStatusAsync(receipt.Id));
        Assert.Equal(stockAfter, (await CatalogProductsAsync(s_tray.Contents.Keys)).ToDictionary(p => p.Key, p => p.Value.Stock));
        var orders = await CartOrdersAsync(cart.Id);
        Assert.Equal(receipt.Id, Assert.Single(orders).Id);
    }

    private static MultipartFormDataContent Frames(byte[] frame)
    {
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { content, "frames", "frame0.jpg" } };
    }

    private Task<HttpResponseMessage> CheckoutAsync(Guid cartId, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, shop.Url($"/api/carts/{cartId}/checkout"))
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return shop.Http.SendAsync(request);
    }

    /// <summary>Catalog's products by detection label, read through the gateway.</summary>
    private async Task<Dictionary<string, Product>> CatalogProductsAsync(IEnumerable<string> labels)
    {
        var products = await shop.Http.GetFromJsonAsync<List<Product>>(
            shop.Url("/api/catalog/products/by-labels?" + string.Join('&', labels.Select(l => $"labels={l}"))));
        return products!.ToDictionary(p => p.DetectionLabel);
    }

    private async Task<string?> ReservationStatusAsync(Guid orderId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(shop.Catalog.BaseAddress, $"/api/catalog/stock/reservations/{orderId}"));
        request.Headers.Add("X-Api-Key", PurchaseStackFixture.CatalogStaffKey);
        using var response = await shop.Http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<Reservation>())!.Status;
    }

    /// <summary>The reservation's status once it is <paramref name="status"/> (the paid event reaches Catalog through the outbox), or the last one seen.</summary>
    private async Task<string?> WaitForReservationAsync(Guid orderId, string status)
    {
        string? last = null;
        for (var attempt = 0; attempt < 600 && last != status; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(100);
            }

            last = await ReservationStatusAsync(orderId);
        }

        return last;
    }

    private async Task<List<OrderSummary>> CartOrdersAsync(Guid cartId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(shop.Cart.BaseAddress, "/api/orders?pageSize=100"));
        request.Headers.Add("X-Api-Key", PurchaseStackFixture.CartStaffKey);
        using var response = await shop.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. (await response.Content.ReadFromJsonAsync<OrderPage>())!.Data.Where(o => o.CartId == cartId)];
    }

    private sealed record Product(int Id, string DetectionLabel, int Price, int Stock);

    private sealed record Cart(Guid Id, List<CartLine> Lines, int Total, string Currency);

    private sealed record CartLine(int ProductId, string? DetectionLabel, int UnitPrice, int Quantity, int LineTotal, string Source, bool NeedsCheck);

    private sealed record Scan(Cart Cart, List<Detection> Detections);

    private sealed record Detection(int Frame, string Label, int ProductId, float Score);

    private sealed record Receipt(Guid Id, string State, List<ReceiptLine> Lines, int Total, DateTimeOffset? PaidAt, string? PaymentReference);

    private sealed record ReceiptLine(int ProductId, int UnitPrice, int Quantity);

    private sealed record Reservation(string Status);

    private sealed record OrderPage(List<OrderSummary> Data);

    private sealed record OrderSummary(Guid Id, Guid CartId, string State);
}
