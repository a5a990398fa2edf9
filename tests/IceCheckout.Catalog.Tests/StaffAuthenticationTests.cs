using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class StaffAuthenticationTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;

    public async Task InitializeAsync() => _app = await servers.SharedAppAsync(nameof(StaffAuthenticationTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(CatalogApp.ServiceKey)]
    public async Task Staff_endpoints_refuse_anonymous_callers_wrong_keys_and_service_keys(string? key)
    {
        var client = key is null ? _app.CreateClient() : _app.CreateKeyedClient(key);
        var melona = await CatalogApp.GetProductAsync(_app.CreateClient(), "BG-BAR-001");
        var newProduct = TestData.NewProduct();

        var create = await client.PostAsJsonAsync("/api/catalog/admin/products", newProduct);
        var price = await client.PutAsJsonAsync($"/api/catalog/admin/products/{melona.Id}/price", new { price = 1 });
        var delete = await client.DeleteAsync($"/api/catalog/admin/products/{melona.Id}");

        var expected = key == CatalogApp.ServiceKey ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized;
        Assert.All([create, price, delete], r => Assert.Equal(expected, r.StatusCode));
        Assert.Equal(800, (await CatalogApp.GetProductAsync(_app.CreateClient(), "BG-BAR-001")).Price);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/api/catalog/products/by-sku/{newProduct.Sku}")).StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_is_accepted_like_the_api_key_header()
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", CatalogApp.StaffKey);

        var response = await client.PostAsJsonAsync("/api/catalog/admin/products", TestData.NewProduct());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Stock_reservations_refuse_anonymous_callers_and_accept_the_service_key()
    {
        var melona = await CatalogApp.GetProductAsync(_app.CreateClient(), "BG-BAR-001");
        var request = new { orderId = Guid.NewGuid(), lines = new[] { new { productId = melona.Id, quantity = 1 } } };

        var anonymous = await _app.CreateClient().PostAsJsonAsync("/api/catalog/stock/reservations", request);
        var service = await _app.CreateServiceClient().PostAsJsonAsync("/api/catalog/stock/reservations", request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Created, service.StatusCode);
    }

    [Fact]
    public async Task Outside_development_without_configured_keys_the_staff_api_refuses_everyone()
    {
        await using var production = await CatalogApp.StartAsync(servers, "Production");

        var devKey = await production.CreateKeyedClient("dev-staff-key").PostAsJsonAsync("/api/catalog/admin/products", TestData.NewProduct());
        var testKey = await production.CreateStaffClient().PostAsJsonAsync("/api/catalog/admin/products", TestData.NewProduct());
        var melona = await CatalogApp.GetProductAsync(production.CreateClient(), "BG-BAR-001");
        var publicRead = await production.CreateClient().GetAsync($"/api/catalog/products/{melona.Id}");

        Assert.Equal(HttpStatusCode.Unauthorized, devKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, testKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publicRead.StatusCode);
    }
}
