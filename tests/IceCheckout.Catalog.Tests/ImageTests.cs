using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using IceCheckout.Catalog.Model;
using SkiaSharp;

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

    [Fact]
    public async Task The_etag_is_the_sha256_of_the_image_bytes_and_the_url_carries_its_start()
    {
        var client = _app.CreateClient();
        var product = await CatalogApp.GetProductAsync(client, "BG-BAR-002");

        var image = await client.GetAsync(product.ImageUrl);
        var bytes = await image.Content.ReadAsByteArrayAsync();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        Assert.False(image.Headers.ETag!.IsWeak);
        Assert.Equal($"\"{sha256}\"", image.Headers.ETag.Tag);
        var url = product.ImageUrl!;
        Assert.Equal(sha256[..12], url[(url.IndexOf("?v=", StringComparison.Ordinal) + 3)..]);
        Assert.Equal(TimeSpan.FromSeconds(300), image.Headers.CacheControl!.MaxAge);
    }

    [Theory]
    [InlineData("image/jpeg")]
    [InlineData("image/webp")]
    public async Task Jpeg_and_webp_uploads_are_stored_and_served_as_sent(string contentType)
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff);
        var bytes = TestData.Encode(64, 48, contentType == "image/jpeg" ? SKEncodedImageFormat.Jpeg : SKEncodedImageFormat.Webp);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);

        var upload = await staff.PutAsync($"/api/catalog/admin/products/{product.Id}/image", content);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var updated = await upload.Content.ReadFromJsonAsync<ProductItem>();
        var served = await _app.CreateClient().GetAsync(updated!.ImageUrl);
        Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(4096, 16, HttpStatusCode.OK)]
    [InlineData(16, 4096, HttpStatusCode.OK)]
    [InlineData(4097, 16, HttpStatusCode.BadRequest)]
    [InlineData(16, 4097, HttpStatusCode.BadRequest)]
    [InlineData(15, 64, HttpStatusCode.BadRequest)]
    public async Task An_image_side_must_be_16_to_4096_pixels(int width, int height, HttpStatusCode expected)
    {
        var staff = _app.CreateStaffClient();
        var product = await TestData.CreateProductAsync(staff);
        using var content = new ByteArrayContent(TestData.Png(width, height));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var upload = await staff.PutAsync($"/api/catalog/admin/products/{product.Id}/image", content);

        Assert.Equal(expected, upload.StatusCode);
        var stored = await CatalogApp.GetProductAsync(staff, product.Sku);
        Assert.Equal(expected == HttpStatusCode.OK, stored.ImageUrl is not null);
    }
}
