using System.Net;
using System.Net.Http.Json;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Tests.Support;

namespace IceCheckout.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class OrderTests(CartServers servers)
{
    private Task<CartStack> StackAsync() => servers.SharedStackAsync(nameof(OrderTests));

    [Fact]
    public async Task A_refund_with_restock_returns_the_stock_once_and_repeating_it_changes_nothing()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var staff = stack.Cart.CreateStaffClient();
        var probe = new CatalogProbe(stack.Catalog);
        var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 3);
        var productId = cart.Lines[0].ProductId;
        var before = (await probe.ProductAsync(productId)).Stock;
        var receipt = (await (await CheckoutTests.CheckoutAsync(client, cart.Id, "tok_visa", Guid.NewGuid().ToString())).Content.ReadFromJsonAsync<OrderResponse>())!;
        await probe.WaitForReservationAsync(receipt.Id, "Committed");
        Assert.Equal(before - 3, (await probe.ProductAsync(productId)).Stock);

        var refund = await staff.PostAsJsonAsync($"/api/orders/{receipt.Id}/refund", new { restock = true, reason = "melted" });
        var again = await staff.PostAsJsonAsync($"/api/orders/{receipt.Id}/refund", new { restock = true });

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        var refunded = (await refund.Content.ReadFromJsonAsync<OrderResponse>())!;
        Assert.Equal("Refunded", refunded.State);
        Assert.NotNull(refunded.RefundedAt);
        Assert.Equal("Refunded", refunded.History[^1].State);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(refunded.History.Count, (await again.Content.ReadFromJsonAsync<OrderResponse>())!.History.Count);
        await probe.WaitForStockAsync(productId, before);
        await Task.Delay(1000);
        Assert.Equal(before, (await probe.ProductAsync(productId)).Stock);
    }

    [Fact]
    public async Task Staff_list_orders_by_state_and_time_a_page_at_a_time_and_others_are_refused()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var staff = stack.Cart.CreateStaffClient();
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        var paid = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 1);
            var response = await CheckoutTests.CheckoutAsync(client, cart.Id, "tok_visa", Guid.NewGuid().ToString());
            paid.Add((await response.Content.ReadFromJsonAsync<OrderResponse>())!.Id);
        }

        var declinedCart = await CheckoutTests.CartWithAsync(stack, client, quantity: 1);
        await CheckoutTests.CheckoutAsync(client, declinedCart.Id, "tok_decline", Guid.NewGuid().ToString());
        var query = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O"))}";

        var firstPage = await staff.GetFromJsonAsync<PaginatedItems<OrderSummary>>($"/api/orders?{query}&state=Paid&pageSize=2");
        var secondPage = await staff.GetFromJsonAsync<PaginatedItems<OrderSummary>>($"/api/orders?{query}&state=Paid&pageSize=2&pageIndex=1");
        var failed = await staff.GetFromJsonAsync<PaginatedItems<OrderSummary>>($"/api/orders?{query}&state=PaymentFailed");

        Assert.Equal(3, firstPage!.Count);
        Assert.Equal(paid.Order(), firstPage.Data.Concat(secondPage!.Data).Select(o => o.Id).Order());
        Assert.Equal(2, firstPage.Data.Count);
        Assert.Equal(declinedCart.Id, Assert.Single(failed!.Data).CartId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync($"/api/orders/{paid[0]}/refund", new { restock = true })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/orders?state=Lost")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/orders?pageSize=1000")).StatusCode);
    }

    [Fact]
    public async Task Only_a_paid_order_is_refunded()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 1);
        var declined = await CheckoutTests.CheckoutAsync(client, cart.Id, "tok_decline", Guid.NewGuid().ToString());
        var orderId = (await declined.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>())!.Extensions["orderId"]!.ToString();

        var refund = await stack.Cart.CreateStaffClient().PostAsJsonAsync($"/api/orders/{orderId}/refund", new { restock = true });

        Assert.Equal(HttpStatusCode.Conflict, refund.StatusCode);
        Assert.Equal("PaymentFailed", (await client.GetFromJsonAsync<OrderResponse>($"/api/orders/{orderId}"))!.State);
    }
}
