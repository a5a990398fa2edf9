using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceCheckout.Catalog.Model;

namespace IceCheckout.Catalog.Tests;

[Collection(CatalogCollection.Name)]
public sealed class ImageTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;

    public async Task InitializeAsync() => _app = await servers.SharedAppAsync(nameof(ImageTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Seeded_products_have_png_images_with_etag_and_revalidation()
    {
        var client = _app.CreateClient();
        var product = await CatalogApp.GetProductAsync(client, "BG-BAR-001");

        var image = await client.GetAsync(product.ImageUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(image.Headers.ETag);
        Assert.True(image.Headers.CacheControl?.Public);

        var request = new HttpRequestMessage(HttpMethod.Get, product.ImageUrl);
        request.Headers.IfNoneMatch.Add(image.Headers.ETag!);
        var revalidated = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task An_uploaded_image_replaces_the_old_one_and_changes_its_etag()
    {
        var staff = _app.CreateStaffClient();
        var product = await CatalogApp.GetProductAsync(staff, "LT-BAR-002");
        var before = await staff.GetAsync(product.ImageUrl);
        var png = TestData.Png(320, 240);
        var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var upload = await staff.PutAsync($"/api/catalog/admin/products/{product.Id}/image", content);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var updated = await upload.Content.ReadFromJsonAsync<ProductItem>();
        Assert.NotEqual(product.ImageUrl, updated!.ImageUrl);
        var after = await staff.GetAsync(updated.ImageUrl);
        Assert.Equal(png, await after.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }
}
