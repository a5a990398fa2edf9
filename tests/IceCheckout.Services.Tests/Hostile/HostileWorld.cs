using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests.Hostile;

/// <summary>
/// What the hostile requests aim at, made once through the gateway: a product, an open cart with a line, a checklist
/// with an item, a paid order, and a signed-in staff browser. <see cref="SnapshotAsync"/> reads all of it back, so a
/// case can show that it changed nothing.
/// </summary>
public sealed class HostileWorld(StackFixture stack, HttpClient anonymous, HttpClient staff, string antiforgeryToken)
{
    public Uri Gateway => stack.Gateway.BaseAddress;

    public HttpClient Anonymous => anonymous;

    public HttpClient Staff => staff;

    public string AntiforgeryToken => antiforgeryToken;

    public int ProductId { get; private init; }

    public string Sku { get; private init; } = "";

    public Guid CartId { get; private init; }

    public string ChecklistCode { get; private init; } = "";

    public Guid PaidOrderId { get; private init; }

    public static async Task<HostileWorld> CreateAsync(StackFixture stack)
    {
        foreach (var service in stack.Services.Values)
        {
            await HealthProbe.WaitForAsync(stack.Http, service, report => report.Status != "Unhealthy");
        }

        var anonymous = NewBrowser(stack);
        var staff = NewBrowser(stack);
        var token = await StaffBrowser.SignedInTokenAsync(staff, StackFixture.StaffUser, StackFixture.StaffPassword);

        var products = await ReadJsonAsync(await anonymous.GetAsync("/api/catalog/products?pageSize=100"));
        var product = products["data"]!.AsArray().First(p => p!["stock"]!.GetValue<int>() > 2)!;
        var productId = product["id"]!.GetValue<int>();
        var sku = product["sku"]!.GetValue<string>();

        var paidOrder = await PayForOneAsync(anonymous, sku);
        var cartId = await NewCartAsync(anonymous);
        Expect(await anonymous.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku, quantity = 1 }), HttpStatusCode.OK, HttpStatusCode.Created);
        var checklist = await ReadJsonAsync(await anonymous.PostAsync("/api/checklists", null));
        var code = checklist["code"]!.GetValue<string>();
        Expect(await anonymous.PutAsJsonAsync($"/api/checklists/{code}/items/{productId}", new { quantity = 2 }), HttpStatusCode.OK, HttpStatusCode.NoContent);

        return new HostileWorld(stack, anonymous, staff, token)
        {
            ProductId = productId,
            Sku = sku,
            CartId = cartId,
            ChecklistCode = code,
            PaidOrderId = paidOrder,
        };
    }

    /// <summary>Everything a hostile request could change, read back through the gateway.</summary>
    public async Task<string> SnapshotAsync()
    {
        var parts = new List<string>
        {
            await ReadStableAsync(anonymous, "/api/catalog/products?pageSize=100"),
            await ReadStableAsync(anonymous, $"/api/carts/{CartId}"),
            await ReadStableAsync(anonymous, $"/api/checklists/{ChecklistCode}"),
            await ReadStableAsync(anonymous, $"/api/orders/{PaidOrderId}"),
            await ReadStableAsync(staff, "/api/orders?pageSize=100"),
            await ReadStableAsync(staff, $"/api/catalog/admin/products/{ProductId}/stock-movements"),
        };
        return string.Join(Environment.NewLine, parts);
    }

    public static HttpClient NewBrowser(StackFixture stack) =>
        new(new HttpClientHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AutomaticDecompression = DecompressionMethods.None,
            AllowAutoRedirect = false,
        })
        {
            BaseAddress = stack.Gateway.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    private static async Task<Guid> PayForOneAsync(HttpClient client, string sku)
    {
        var cartId = await NewCartAsync(client);
        Expect(await client.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku, quantity = 1 }), HttpStatusCode.OK, HttpStatusCode.Created);
        using var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
        };
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var receipt = await ReadJsonAsync(await client.SendAsync(checkout));
        Assert.Equal("Paid", receipt["state"]!.GetValue<string>());
        return Guid.Parse(receipt["id"]!.GetValue<string>());
    }

    private static async Task<Guid> NewCartAsync(HttpClient client)
    {
        var cart = await ReadJsonAsync(await client.PostAsync("/api/carts", null));
        return Guid.Parse(cart["id"]!.GetValue<string>());
    }

    private static async Task<string> ReadStableAsync(HttpClient client, string path)
    {
        var node = await ReadJsonAsync(await client.GetAsync(path));
        // Reading a cart or checklist moves its expiry on: that is the reading, not the hostile request.
        if (node is JsonObject entity)
        {
            entity.Remove("expiresAt");
        }

        return $"{path}: {node.ToJsonString()}";
    }

    private static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
            return JsonNode.Parse(body) ?? throw new JsonException("An empty answer.");
        }
    }

    private static void Expect(HttpResponseMessage response, params HttpStatusCode[] statuses)
    {
        using (response)
        {
            Assert.True(statuses.Contains(response.StatusCode), $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        }
    }
}
