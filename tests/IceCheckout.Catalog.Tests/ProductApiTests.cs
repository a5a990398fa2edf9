using System.Net;
using System.Net.Http.Json;
using IceCheckout.Catalog.Model;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class ProductApiTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;

    public async Task InitializeAsync() => _app = await servers.SharedAppAsync(nameof(ProductApiTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_read_update_and_delete_round_trip()
    {
        var staff = _app.CreateStaffClient();
        var anonymous = _app.CreateClient();
        var request = TestData.NewProduct(stock: 7, price: 1300) with { DetectionLabel = "test_bar_round_trip" };

        var created = await TestData.CreateProductAsync(staff, request);
        Assert.Equal(1, created.Version);

        var byId = await anonymous.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{created.Id}");
        var bySku = await anonymous.GetFromJsonAsync<ProductItem>($"/api/catalog/products/by-sku/{request.Sku}");
        var byLabel = await anonymous.GetFromJsonAsync<List<ProductItem>>("/api/catalog/products/by-labels?labels=test_bar_round_trip&labels=melona");
        Assert.Equal(("테스트바", 1300, 7), (byId!.NameKo, byId.Price, byId.Stock));
        Assert.Equal(created.Id, bySku!.Id);
        Assert.Equal(["melona", "test_bar_round_trip"], byLabel!.Select(p => p.DetectionLabel).Order());

        var update = new UpdateProductRequest(request.Sku, request.DetectionLabel, "새이름", "New Name", "브랜드", "cone", 1500, true, created.Version);
        var updated = await (await staff.PutAsJsonAsync($"/api/catalog/admin/products/{created.Id}", update)).Content.ReadFromJsonAsync<ProductItem>();
        Assert.Equal(("새이름", "cone", 1500, 2), (updated!.NameKo, updated.Category, updated.Price, updated.Version));
        Assert.Equal("새이름", (await anonymous.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{created.Id}"))!.NameKo);

        var priced = await (await staff.PutAsJsonAsync($"/api/catalog/admin/products/{created.Id}/price", new SetPriceRequest(1700))).Content.ReadFromJsonAsync<ProductItem>();
        Assert.Equal(1700, priced!.Price);

        var adjusted = await staff.PostAsJsonAsync($"/api/catalog/admin/products/{created.Id}/stock-adjustments", new AdjustStockRequest(-2, "broken in the freezer"));
        Assert.Equal(5, (await adjusted.Content.ReadFromJsonAsync<ProductItem>())!.Stock);
        var movements = await staff.GetFromJsonAsync<List<StockMovementItem>>($"/api/catalog/admin/products/{created.Id}/stock-movements");
        Assert.Contains(movements!, m => m.Delta == -2 && m.StockAfter == 5 && m.Reason.Contains("broken in the freezer", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/catalog/admin/products/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/catalog/products/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"/api/catalog/admin/products/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task Lists_page_filter_by_category_and_sort()
    {
        // Its own database: the counts and orders below are the seed's, whatever other tests add to theirs.
        await using var app = await CatalogApp.StartAsync(servers);
        var client = app.CreateClient();

        var first = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageIndex=0&pageSize=4&category=cone&sort=price");
        var second = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageIndex=1&pageSize=4&category=bar&sort=-price");
        var cones = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=100&category=cone");
        var bars = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=100&category=bar");
        var all = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=100&sort=-price");

        Assert.Equal(cones!.Count, first!.Count);
        Assert.Equal(4, first.Data.Count);
        Assert.All(first.Data, p => Assert.Equal("cone", p.Category));
        Assert.Equal(cones.Data.Select(p => p.Price).Order().Take(4), first.Data.Select(p => p.Price));
        Assert.Equal(10, second!.Count);
        Assert.Equal(4, second.Data.Count);
        Assert.All(second.Data, p => Assert.Equal("bar", p.Category));
        Assert.Equal(bars!.Data.Select(p => p.Price).OrderDescending().Skip(4).Take(4), second.Data.Select(p => p.Price));
        Assert.Equal(all!.Data.Select(p => p.Price).OrderDescending(), all.Data.Select(p => p.Price));
        Assert.Equal("투게더", all.Data[0].NameKo);

        var categories = await client.GetFromJsonAsync<List<CategoryItem>>("/api/catalog/categories");
        Assert.Contains(categories!, c => c.Slug == "family-pack");
    }

    [Fact]
    public async Task Every_sort_orders_the_whole_list()
    {
        // Its own database, so that the product made here is the only one that is not from the seed.
        await using var app = await CatalogApp.StartAsync(servers);
        var client = app.CreateClient();
        var made = await TestData.CreateProductAsync(app.CreateStaffClient(), TestData.NewProduct(price: 1) with { NameKo = "가", NameEn = "Aaaa" });

        async Task<List<ProductItem>> ListAsync(string sort) =>
            [.. (await client.GetFromJsonAsync<PaginatedItems<ProductItem>>($"/api/catalog/products?pageSize=100&sort={sort}"))!.Data];

        var byName = await ListAsync("name");
        var byNameEn = await ListAsync("nameEn");
        var cheapest = await ListAsync("price");
        var dearest = await ListAsync("-price");
        var newest = await ListAsync("newest");

        Assert.All([byName, byNameEn, cheapest, dearest, newest], list => Assert.Equal(26, list.Count));
        Assert.Equal(byName.Select(p => p.NameKo).Order(StringComparer.Ordinal), byName.Select(p => p.NameKo));
        Assert.Equal(made.Id, byName[0].Id);
        Assert.Equal(made.Id, byNameEn[0].Id);
        Assert.NotEqual(byName.Select(p => p.Id), byNameEn.Select(p => p.Id));
        Assert.Equal(cheapest.Select(p => p.Price).Order(), cheapest.Select(p => p.Price));
        Assert.Equal(made.Id, cheapest[0].Id);
        Assert.Equal(dearest.Select(p => p.Price).OrderDescending(), dearest.Select(p => p.Price));
        Assert.Equal(made.Id, dearest[^1].Id);
        Assert.Equal(newest.Select(p => p.CreatedAt).OrderDescending(), newest.Select(p => p.CreatedAt));
        Assert.Equal(made.Id, newest[0].Id);
    }

    [Fact]
    public async Task Concurrent_updates_of_one_product_give_409_to_the_loser()
    {
        var staff = _app.CreateStaffClient();
        var product = await CatalogApp.GetProductAsync(staff, "BG-BAR-003");
        UpdateProductRequest Edit(string nameEn) => new(product.Sku, product.DetectionLabel, product.NameKo, nameEn, product.Brand, product.Category, product.Price, true, product.Version);

        var responses = await Task.WhenAll(
            staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}", Edit("Bibibig A")),
            staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}", Edit("Bibibig B")));
        var stale = await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}", Edit("Bibibig C"));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var final = await CatalogApp.GetProductAsync(staff, "BG-BAR-003");
        Assert.Equal(product.Version + 1, final.Version);
    }

    [Fact]
    public async Task A_taken_sku_is_a_conflict()
    {
        var response = await _app.CreateStaffClient().PostAsJsonAsync("/api/catalog/admin/products", TestData.NewProduct(sku: "BG-BAR-001"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
