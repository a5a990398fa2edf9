using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Tests.Support;

namespace IceCheckout.Cart.Tests;

/// <summary>Every bad request gets a ProblemDetails 4xx and leaves the cart exactly as it was.</summary>
[Collection(CartCollection.Name)]
public sealed class BadInputTests(CartServers servers)
{
    private Task<CartStack> StackAsync() => servers.SharedStackAsync(nameof(BadInputTests));

    public static TheoryData<string, string, string> BadLines => new()
    {
        { "POST", "lines", """{ "sku": "NO-SUCH-SKU", "quantity": 1 }""" },
        { "POST", "lines", """{ "productId": 999999, "quantity": 1 }""" },
        { "POST", "lines", """{ "quantity": 1 }""" },
        { "POST", "lines", """{ "sku": "{sku}", "quantity": 0 }""" },
        { "POST", "lines", """{ "sku": "{sku}", "quantity": -3 }""" },
        { "POST", "lines", """{ "sku": "{sku}", "quantity": 100 }""" },
        { "POST", "lines", """{ "sku": "{sku}", "quantity": 99999999999 }""" },
        { "POST", "lines", """{ "sku": "{sku}", "quantity": "many" }""" },
        { "POST", "lines", """{ "sku": "{sku}", "quantity": 1""" },
        { "PUT", "lines/{productId}", """{ "quantity": -1 }""" },
        { "PUT", "lines/{productId}", """{ "quantity": 1000 }""" },
        { "PUT", "lines/{productId}", """{ }""" },
        { "POST", "lines/{productId}/resolve", """{ "action": "shrug" }""" },
        { "POST", "lines/{productId}/resolve", """{ "action": "swap", "productId": 999999 }""" },
        { "POST", "checklist", """{ "code": "0O1I0O1I" }""" },
        { "POST", "checklist", """not json""" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public async Task A_bad_line_change_is_a_400_and_the_cart_is_unchanged(string method, string path, string body)
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var (cart, sku, productId) = await CartWithLineAsync(stack, client);
        var url = $"/api/carts/{cart.Id}/{path.Replace("{productId}", productId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}";

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(body.Replace("{sku}", sku, StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        await AssertUnchangedAsync(client, cart);
    }

    [Fact]
    public async Task Unknown_carts_lines_checklists_and_orders_are_404()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var (cart, _, _) = await CartWithLineAsync(stack, client);

        await AssertProblemAsync(await client.GetAsync($"/api/carts/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/carts/{Guid.NewGuid()}/lines", new { productId = 1, quantity = 1 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.PutAsJsonAsync($"/api/carts/{cart.Id}/lines/999999", new { quantity = 1 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.DeleteAsync($"/api/carts/{cart.Id}/lines/999999"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.PostAsJsonAsync($"/api/carts/{cart.Id}/checklist", new { code = "ABCDEFGH" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync("/api/checklists/ABCDEFGH"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.PutAsJsonAsync("/api/checklists/ABCDEFGH/items/1", new { quantity = 1 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.GetAsync($"/api/orders/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await client.PostAsync($"/api/carts/{Guid.NewGuid()}/scan", CartClient.Frames(TestTrays.Image("test_000000"))), HttpStatusCode.NotFound);
        await AssertProblemAsync(await CheckoutTests.CheckoutAsync(client, Guid.NewGuid(), "tok_visa", Guid.NewGuid().ToString()), HttpStatusCode.NotFound);
        await AssertUnchangedAsync(client, cart);
    }

    [Fact]
    public async Task Bad_scan_forms_are_refused_before_detection_and_the_cart_is_unchanged()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var (cart, _, _) = await CartWithLineAsync(stack, client);
        var tray = TestTrays.Image("test_000000");
        var scan = $"/api/carts/{cart.Id}/scan";

        var noFrames = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        var tooMany = CartClient.Frames([.. Enumerable.Repeat(tray, 6)]);
        var notAnImage = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("GIF89a not really")), "frames", "a.gif" } };
        var oversize = new MultipartFormDataContent { { new ByteArrayContent([.. tray, .. new byte[11 * 1024 * 1024]]), "frames", "big.jpg" } };
        var raw = new ByteArrayContent(tray);
        raw.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");

        await AssertProblemAsync(await client.PostAsync(scan, noFrames), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.PostAsync(scan, tooMany), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.PostAsync(scan, notAnImage), HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await client.PostAsync(scan, oversize), HttpStatusCode.RequestEntityTooLarge);
        await AssertProblemAsync(await client.PostAsync(scan, raw), HttpStatusCode.UnsupportedMediaType);
        await AssertUnchangedAsync(client, cart);
    }

    [Fact]
    public async Task A_checkout_without_an_idempotency_key_or_token_is_a_400_and_changes_nothing()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var (cart, _, _) = await CartWithLineAsync(stack, client);

        await AssertProblemAsync(await CheckoutTests.CheckoutAsync(client, cart.Id, "tok_visa", key: null), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await CheckoutTests.CheckoutAsync(client, cart.Id, "", Guid.NewGuid().ToString()), HttpStatusCode.BadRequest);
        var malformed = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cart.Id}/checkout") { Content = new StringContent("{", Encoding.UTF8, "application/json") };
        malformed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await AssertProblemAsync(await client.SendAsync(malformed), HttpStatusCode.BadRequest);
        await AssertUnchangedAsync(client, cart);
        Assert.Null((await client.GetCartAsync(cart.Id)).OrderId);
    }

    [Fact]
    public async Task A_cart_with_a_line_that_needs_a_check_is_not_paid_until_it_is_resolved()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();
        // Two frames that disagree (the tray, and the tray with one product hidden): that product's line needs a check.
        var hidden = TestTrays.Boxes("test_000000")[0].Label;
        var scan = await client.ScanAsync(cart.Id, TestTrays.Image("test_000000"), TestTrays.WithoutProduct("test_000000", hidden));
        var doubtful = Assert.Single(scan.Cart.Lines, l => l.NeedsCheck);
        Assert.Equal(hidden, doubtful.DetectionLabel);

        var refused = await CheckoutTests.CheckoutAsync(client, cart.Id, "tok_visa", Guid.NewGuid().ToString());
        await AssertProblemAsync(refused, HttpStatusCode.Conflict);

        var confirmed = await client.PostAsJsonAsync($"/api/carts/{cart.Id}/lines/{doubtful.ProductId}/resolve", new { action = "confirm" });
        var resolved = (await confirmed.Content.ReadFromJsonAsync<CartResponse>())!;
        Assert.DoesNotContain(resolved.Lines, l => l.NeedsCheck);
        Assert.Equal("confirm", Assert.Single(resolved.Corrections).Action);
        var paid = await CheckoutTests.CheckoutAsync(client, cart.Id, "tok_visa", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
    }

    private static async Task<(CartResponse Cart, string Sku, int ProductId)> CartWithLineAsync(CartStack stack, HttpClient client)
    {
        var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 2);
        return (cart, cart.Lines[0].Sku, cart.Lines[0].ProductId);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"status\":" + (int)status, body.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task AssertUnchangedAsync(HttpClient client, CartResponse before)
    {
        var after = await client.GetCartAsync(before.Id);
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal(before.Corrections.Count, after.Corrections.Count);
        Assert.Equal((before.ChecklistCode(), before.Closed), (after.ChecklistCode(), after.Closed));
    }
}

internal static class CartResponseExtensions
{
    public static string? ChecklistCode(this CartResponse cart) => cart.Checklist?.Code;
}
