using System.Net;
using System.Net.Http.Headers;

namespace IceCheckout.Services.Tests;

public sealed class GatewayWebAppTests(StaffGatewayFixture gateway) : IClassFixture<StaffGatewayFixture>
{
    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_index_html_is_revalidated()
    {
        using var browser = gateway.NewBrowser();

        using var asset = await browser.GetAsync(EdgeGatewayFixture.HashedAsset);
        using var index = await browser.GetAsync("/");
        using var clientRoute = await browser.GetAsync("/staff/products");

        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.True(asset.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(365), asset.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", asset.Headers.CacheControl!.Extensions.Select(extension => extension.Name));
        Assert.True(index.Headers.CacheControl?.NoCache);
        Assert.True(clientRoute.Headers.CacheControl?.NoCache);
        Assert.Equal(GatewayRoutingFixture.IndexHtml, await clientRoute.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task The_web_app_is_sent_compressed_to_a_browser_that_accepts_it(string encoding)
    {
        using var browser = gateway.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, EdgeGatewayFixture.HashedAsset);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        using var response = await browser.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(compressed.Length < EdgeGatewayFixture.AssetScript.Length / 4, $"{compressed.Length} bytes of {EdgeGatewayFixture.AssetScript.Length}");
    }

    [Fact]
    public async Task API_answers_pass_through_uncompressed_and_unknown_API_paths_get_no_app()
    {
        using var browser = gateway.NewBrowser();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/catalog/products?probe={Guid.NewGuid():N}");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        using var api = await browser.SendAsync(request);
        using var unknown = await browser.GetAsync("/api/nothing/here");

        Assert.Empty(api.Content.Headers.ContentEncoding);
        Assert.Equal("recorded", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_API_reference_lists_every_service_document_reached_through_the_gateway()
    {
        using var browser = gateway.NewBrowser();

        using var page = await browser.GetAsync("/scalar");
        var html = await page.Content.ReadAsStringAsync();
        using var catalogDocument = await browser.GetAsync("/openapi/catalog.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var service in new[] { "catalog", "search", "cart", "detection" })
        {
            // Scalar resolves the sources from the site's root.
            Assert.Contains($"\"url\":\"openapi/{service}.json\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, catalogDocument.StatusCode);
        var forwarded = Assert.Single(gateway.Destination.Requests, request => request.Service == "catalog" && request.PathAndQuery == "/openapi/v1.json");
        Assert.Equal($"127.0.0.1:{gateway.Gateway.Port}", forwarded.Headers["Host"]);
    }
}
