using System.Net;
using System.Net.Http.Json;
using IceCheckout.Cart.Infrastructure.Orders;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using IceCheckout.Cart.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IceCheckout.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class CheckoutTests(CartServers servers)
{
    private Task<CartStack> StackAsync() => servers.SharedStackAsync(nameof(CheckoutTests));

    [Fact]
    public async Task A_scanned_tray_paid_with_tok_visa_becomes_a_paid_order_whose_stock_leaves_catalog_once()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var probe = new CatalogProbe(stack.Catalog);
        var cart = await client.NewCartAsync();
        var scan = await client.ScanAsync(cart.Id, TestTrays.Image("test_000000"));
        var before = await StockAsync(probe, scan.Cart.Lines);

        var response = await CheckoutAsync(client, cart.Id, "tok_visa", Guid.NewGuid().ToString());

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var receipt = (await response.Content.ReadFromJsonAsync<OrderResponse>())!;
        Assert.Equal(("Paid", scan.Cart.Total, "KRW"), (receipt.State, receipt.Total, receipt.Currency));
        Assert.Equal(scan.Cart.Lines.Select(l => (l.ProductId, l.UnitPrice, l.Quantity)).Order(), receipt.Lines.Select(l => (l.ProductId, l.UnitPrice, l.Quantity)).Order());
        Assert.StartsWith("sandbox_ch_", receipt.PaymentReference, StringComparison.Ordinal);
        Assert.Equal(["Pending", "PaymentPending", "Paid"], receipt.History.Select(h => h.State));
        var stored = (await client.GetFromJsonAsync<OrderResponse>($"/api/orders/{receipt.Id}"))!;
        Assert.Equal((receipt.State, receipt.Total, receipt.PaymentReference), (stored.State, stored.Total, stored.PaymentReference));
        Assert.Equal(receipt.Lines, stored.Lines);

        await probe.WaitForReservationAsync(receipt.Id, "Committed");
        foreach (var line in receipt.Lines)
        {
            Assert.Equal(before[line.ProductId] - line.Quantity, (await probe.ProductAsync(line.ProductId)).Stock);
        }

        var closed = await client.GetCartAsync(cart.Id);
        Assert.Equal((true, (Guid?)receipt.Id), (closed.Closed, closed.OrderId));
        var rescan = await client.PostAsync($"/api/carts/{cart.Id}/scan", CartClient.Frames(TestTrays.Image("test_000000")));
        Assert.Equal(HttpStatusCode.Conflict, rescan.StatusCode);
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_answer_and_another_body_is_refused()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await CartWithAsync(stack, client, quantity: 1);
        var key = Guid.NewGuid().ToString();

        var first = await CheckoutAsync(client, cart.Id, "tok_visa", key);
        var replay = await CheckoutAsync(client, cart.Id, "tok_visa", key);
        var other = await CheckoutAsync(client, cart.Id, "tok_decline", key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Twenty_identical_checkouts_in_parallel_make_one_order_one_charge_and_one_stock_decrement()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var probe = new CatalogProbe(stack.Catalog);
        var cart = await CartWithAsync(stack, client, quantity: 2);
        var productId = cart.Lines[0].ProductId;
        var stock = (await probe.ProductAsync(productId)).Stock;
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => CheckoutAsync(client, cart.Id, "tok_visa", key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        var final = await CheckoutAsync(client, cart.Id, "tok_visa", key);
        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        var receipt = (await final.Content.ReadFromJsonAsync<OrderResponse>())!;
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.Created), r => Assert.Equal(receipt.Id, r.Content.ReadFromJsonAsync<OrderResponse>().Result!.Id));

        await using var scope = stack.Cart.Services.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<OrdersContext>();
        Assert.Equal(1, await orders.Orders.CountAsync(o => o.CartId == cart.Id));
        var charge = Assert.Single(await orders.SandboxCharges.Where(c => c.OrderId == receipt.Id).ToListAsync());
        Assert.Equal((1, receipt.Total), (charge.Requests, charge.Amount));
        await probe.WaitForReservationAsync(receipt.Id, "Committed");
        Assert.Equal(stock - 2, (await probe.ProductAsync(productId)).Stock);
    }

    [Fact]
    public async Task A_declined_card_answers_402_releases_the_stock_and_keeps_the_cart_for_another_try()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var probe = new CatalogProbe(stack.Catalog);
        var cart = await CartWithAsync(stack, client, quantity: 1);
        var productId = cart.Lines[0].ProductId;
        var stock = (await probe.ProductAsync(productId)).Stock;

        var declined = await CheckoutAsync(client, cart.Id, "tok_decline", Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Contains("declined", await declined.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(stock, (await probe.ProductAsync(productId)).Stock);
        var kept = await client.GetCartAsync(cart.Id);
        Assert.False(kept.Closed);
        Assert.Equal(cart.Lines, kept.Lines);

        var retried = await CheckoutAsync(client, cart.Id, "tok_visa", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task A_payment_that_never_answers_stays_pending_and_a_retry_reconciles_it_without_a_second_charge()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await CartWithAsync(stack, client, quantity: 1);
        var key = Guid.NewGuid().ToString();

        var pending = await CheckoutAsync(client, cart.Id, "tok_timeout", key);

        Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
        var order = (await pending.Content.ReadFromJsonAsync<OrderResponse>())!;
        Assert.Equal("PaymentPending", order.State);
        Assert.Equal("PaymentPending", (await client.GetFromJsonAsync<OrderResponse>($"/api/orders/{order.Id}"))!.State);

        var retried = await CheckoutAsync(client, cart.Id, "tok_timeout", key);

        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        Assert.Equal(("Paid", order.Id), ((await retried.Content.ReadFromJsonAsync<OrderResponse>())!.State, order.Id));
        await using var scope = stack.Cart.Services.CreateAsyncScope();
        var charge = await scope.ServiceProvider.GetRequiredService<OrdersContext>().SandboxCharges.SingleAsync(c => c.OrderId == order.Id);
        Assert.Equal(1, charge.Requests);
    }

    [Fact]
    public async Task The_reconciler_settles_an_unknown_payment_by_asking_the_provider_and_the_key_then_replays_it()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var probe = new CatalogProbe(stack.Catalog);
        var cart = await CartWithAsync(stack, client, quantity: 1);
        var key = Guid.NewGuid().ToString();
        var order = (await (await CheckoutAsync(client, cart.Id, "tok_timeout", key)).Content.ReadFromJsonAsync<OrderResponse>())!;

        var settled = await stack.Cart.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OrderReconciler>().Single()
            .ReconcileDueAsync(CancellationToken.None);

        Assert.True(settled >= 1);
        Assert.Equal("Paid", (await client.GetFromJsonAsync<OrderResponse>($"/api/orders/{order.Id}"))!.State);
        await probe.WaitForReservationAsync(order.Id, "Committed");
        var replay = await CheckoutAsync(client, cart.Id, "tok_timeout", key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
        await using var scope = stack.Cart.Services.CreateAsyncScope();
        Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<OrdersContext>().SandboxCharges.SingleAsync(c => c.OrderId == order.Id)).Requests);
    }

    [Fact]
    public async Task Two_kiosks_racing_for_the_last_unit_exactly_one_succeeds()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var probe = new CatalogProbe(stack.Catalog);
        var product = (await probe.ProductsAsync()).Last();
        await probe.SetStockAsync(product.Id, 1);
        var first = await client.NewCartAsync();
        var second = await client.NewCartAsync();
        await client.AddLineAsync(first.Id, new { productId = product.Id, quantity = 1 });
        await client.AddLineAsync(second.Id, new { productId = product.Id, quantity = 1 });

        var responses = await Task.WhenAll(
            CheckoutAsync(client, first.Id, "tok_visa", Guid.NewGuid().ToString()),
            CheckoutAsync(client, second.Id, "tok_visa", Guid.NewGuid().ToString()));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var refused = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Contains($"Product {product.Id}", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await probe.WaitForStockAsync(product.Id, 0);
    }

    internal static Task<HttpResponseMessage> CheckoutAsync(HttpClient client, Guid cartId, string token, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout") { Content = JsonContent.Create(new { paymentToken = token }) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request);
    }

    /// <summary>A new cart with a manual line of a product that has stock to spare.</summary>
    internal static async Task<CartResponse> CartWithAsync(CartStack stack, HttpClient client, int quantity)
    {
        var products = await new CatalogProbe(stack.Catalog).ProductsAsync();
        var product = products.Where(p => p.Stock >= 10).OrderByDescending(p => p.Stock).First();
        var cart = await client.NewCartAsync();
        return await client.AddLineAsync(cart.Id, new { productId = product.Id, quantity });
    }

    private static async Task<Dictionary<int, int>> StockAsync(CatalogProbe probe, IEnumerable<CartLineResponse> lines)
    {
        var stock = new Dictionary<int, int>();
        foreach (var line in lines)
        {
            stock[line.ProductId] = (await probe.ProductAsync(line.ProductId)).Stock;
        }

        return stock;
    }
}
