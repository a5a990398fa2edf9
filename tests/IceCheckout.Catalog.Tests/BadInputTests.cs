using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class BadInputTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;

    public async Task InitializeAsync() => _app = await servers.SharedAppAsync(nameof(BadInputTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/api/catalog/products/999999")]
    [InlineData("/api/catalog/products/by-sku/NO-SUCH-SKU")]
    [InlineData("/api/catalog/products/999999/image")]
    public async Task Unknown_products_are_404_problems(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/catalog/products?pageIndex=107374183&pageSize=20", "pageIndex")]
    [InlineData("/api/catalog/products?pageIndex=2147483647&pageSize=100", "pageIndex")]
    [InlineData("/api/catalog/products?category=no-such-category", "category")]
    [InlineData("/api/catalog/products?category=%00%01", "category")]
    [InlineData("/api/catalog/products/by-labels?labels=Melona%20Bar", "labels")]
    [InlineData("/api/catalog/products/by-labels?labels=melona&labels=%3Cscript%3E", "labels")]
    public async Task Overflowing_pages_and_filter_values_outside_the_catalogue_are_400_problems(string path, string field)
    {
        var response = await _app.CreateClient().GetAsync(path);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Fact]
    public async Task Unknown_products_in_staff_calls_are_404_problems()
    {
        var staff = _app.CreateStaffClient();

        await AssertProblemAsync(await staff.PutAsJsonAsync("/api/catalog/admin/products/999999/price", new { price = 1000 }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await staff.PostAsJsonAsync("/api/catalog/admin/products/999999/stock-adjustments", new { delta = 1, reason = "count" }), HttpStatusCode.NotFound);
        await AssertProblemAsync(await staff.DeleteAsync("/api/catalog/admin/products/999999"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"sku":"OK-SKU-1","nameKo":"이름","nameEn":"Name","brand":"B","category":"bar","price":-5,"stock":1}""", "price")]
    [InlineData("""{"sku":"OK-SKU-1","nameKo":"이름","nameEn":"Name","brand":"B","category":"bar","price":0,"stock":1}""", "price")]
    [InlineData("""{"sku":"OK-SKU-1","nameKo":"이름","nameEn":"Name","brand":"B","category":"bar","price":900,"stock":-1}""", "stock")]
    [InlineData("""{"sku":"OK-SKU-1","nameKo":"","nameEn":"Name","brand":"B","category":"bar","price":900,"stock":1}""", "nameKo")]
    [InlineData("""{"sku":"lower case","nameKo":"이름","nameEn":"Name","brand":"B","category":"bar","price":900,"stock":1}""", "sku")]
    [InlineData("""{"sku":"OK-SKU-1","nameKo":"이름","nameEn":"Name","brand":"B","category":"nope","price":900,"stock":1}""", "category")]
    public async Task Invalid_products_are_400_problems_naming_the_field(string json, string field)
    {
        var response = await _app.CreateStaffClient().PostAsync("/api/catalog/admin/products", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    [Theory]
    [InlineData("""{"sku":"OK-SKU-1", "price": """, "price")]
    [InlineData("""{"sku":"OK-SKU-1", "price": "cheap"}""", "price")]
    [InlineData("""not json""", "JSON")]
    public async Task Malformed_json_is_a_400_problem_saying_what_is_wrong(string json, string mentioned)
    {
        var response = await _app.CreateStaffClient().PostAsync("/api/catalog/admin/products", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_outside_development_too()
    {
        await using var production = await CatalogApp.StartAsync(servers, "Production", new Dictionary<string, string?>
        {
            ["Catalog:Staff:ApiKeys:0"] = "production-key",
        });
        var staff = production.CreateKeyedClient("production-key");

        var response = await staff.PostAsync("/api/catalog/admin/products", new StringContent("{\"price\":", Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("price", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/catalog/products?pageSize=0", "pageSize")]
    [InlineData("/api/catalog/products?pageSize=1000", "pageSize")]
    [InlineData("/api/catalog/products?pageIndex=-1", "pageIndex")]
    [InlineData("/api/catalog/products?sort=cheapest", "sort")]
    [InlineData("/api/catalog/products/by-labels", "labels")]
    public async Task Invalid_queries_are_400_problems_naming_the_parameter(string path, string field)
    {
        var problem = await AssertProblemAsync(await _app.CreateClient().GetAsync(path), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_is_a_400_problem()
    {
        var problem = await AssertProblemAsync(await _app.CreateClient().GetAsync("/api/catalog/products?pageSize=many"), HttpStatusCode.BadRequest);

        Assert.Contains("pageSize", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stock_cannot_be_adjusted_below_zero_or_without_a_reason()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff, TestData.NewProduct(stock: 3));

        var belowZero = await staff.PostAsJsonAsync($"/api/catalog/admin/products/{product.Id}/stock-adjustments", new { delta = -4, reason = "stock take" });
        var noReason = await staff.PostAsJsonAsync($"/api/catalog/admin/products/{product.Id}/stock-adjustments", new { delta = 2 });

        Assert.True((await AssertProblemAsync(belowZero, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("delta", out _));
        Assert.True((await AssertProblemAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(3, (await CatalogApp.GetProductAsync(staff, product.Sku)).Stock);
    }

    [Fact]
    public async Task Uploads_that_are_not_images_too_large_or_mislabelled_are_400_problems_naming_the_image()
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff);
        var path = $"/api/catalog/admin/products/{product.Id}/image";

        var cases = new (byte[] Body, string ContentType)[]
        {
            (Encoding.UTF8.GetBytes("GIF89a? no, just text"), "image/png"),
            (TestData.Png(64, 64), "text/plain"),
            (TestData.Png(64, 64), "image/jpeg"),
            (TestData.Png(8, 8), "image/png"),
            (TestData.Png(64, 64)[..200], "image/png"),
            (new byte[6 * 1024 * 1024], "image/png"),
        };
        foreach (var (body, contentType) in cases)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

            var problem = await AssertProblemAsync(await staff.PutAsync(path, content), HttpStatusCode.BadRequest);

            Assert.True(problem.GetProperty("errors").TryGetProperty("image", out _), $"{contentType}, {body.Length} bytes: {problem}");
        }

        Assert.Null((await CatalogApp.GetProductAsync(staff, product.Sku)).ImageUrl);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
