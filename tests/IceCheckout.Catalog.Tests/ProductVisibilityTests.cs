using System.Net;
using System.Net.Http.Json;
using IceCheckout.Catalog.Model;

namespace IceCheckout.Catalog.Tests;

/// <summary>What the public sees of inactive products, and the uniqueness of detection labels.</summary>
[Collection(CatalogCollection.Name)]
public sealed class ProductVisibilityTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;

    public async Task InitializeAsync() => _app = await servers.SharedAppAsync(nameof(ProductVisibilityTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_inactive_product_is_left_out_of_lists_and_label_look_ups_but_readable_by_id_and_sku()
    {
        var staff = _app.CreateStaffClient();
        var client = _app.CreateClient();
        var label = $"hidden_{Guid.NewGuid():N}"[..20];
        var hidden = await TestData.CreateProductAsync(staff, TestData.NewProduct(category: "cone") with { DetectionLabel = label, IsActive = false });

        var list = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=100&category=cone");
        var byLabel = await client.GetFromJsonAsync<List<ProductItem>>($"/api/catalog/products/by-labels?labels={label}&labels=melona");
        var byId = await client.GetFromJsonAsync<ProductItem>($"/api/catalog/products/{hidden.Id}");
        var bySku = await CatalogApp.GetProductAsync(client, hidden.Sku);

        Assert.DoesNotContain(list!.Data, p => p.Id == hidden.Id);
        Assert.Equal(list.Data.Count, list.Count);
        Assert.Equal(["melona"], byLabel!.Select(p => p.DetectionLabel));
        Assert.False(byId!.IsActive);
        Assert.Equal(hidden.Id, bySku.Id);

        // Made active again, it is listed.
        var update = new UpdateProductRequest(hidden.Sku, label, hidden.NameKo, hidden.NameEn, hidden.Brand, hidden.Category, hidden.Price, true, hidden.Version);
        (await staff.PutAsJsonAsync($"/api/catalog/admin/products/{hidden.Id}", update)).EnsureSuccessStatusCode();
        var listed = await client.GetFromJsonAsync<PaginatedItems<ProductItem>>("/api/catalog/products?pageSize=100&category=cone");
        Assert.Contains(listed!.Data, p => p.Id == hidden.Id);
    }

    [Fact]
    public async Task A_taken_detection_label_is_a_409_problem_on_create_and_on_update()
    {
        var staff = _app.CreateStaffClient();
        var other = await TestData.CreateProductAsync(staff);

        var create = await staff.PostAsJsonAsync("/api/catalog/admin/products", TestData.NewProduct() with { DetectionLabel = "melona" });
        var update = await staff.PutAsJsonAsync($"/api/catalog/admin/products/{other.Id}",
            new UpdateProductRequest(other.Sku, "melona", other.NameKo, other.NameEn, other.Brand, other.Category, other.Price, true, other.Version));

        Assert.Equal(HttpStatusCode.Conflict, create.StatusCode);
        Assert.Equal("application/problem+json", create.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, update.StatusCode);
        Assert.Equal("application/problem+json", update.Content.Headers.ContentType?.MediaType);
        Assert.Null((await CatalogApp.GetProductAsync(staff, other.Sku)).DetectionLabel);
        var melonas = await _app.CreateClient().GetFromJsonAsync<List<ProductItem>>("/api/catalog/products/by-labels?labels=melona");
        Assert.Equal("BG-BAR-001", Assert.Single(melonas!).Sku);
    }
}
