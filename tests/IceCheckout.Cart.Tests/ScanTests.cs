using System.Net;
using System.Net.Http.Json;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Tests.Support;

namespace IceCheckout.Cart.Tests;

/// <summary>Trays from models/testset through the real Detection worker (shipped model) and the real Catalog.</summary>
[Collection(CartCollection.Name)]
public sealed class ScanTests(CartServers servers)
{
    // Held-out trays the shipped model reads exactly, every detection above the sure score.
    private const string Tray = "test_000000";
    private const string OtherTray = "test_000001";

    private Task<CartStack> StackAsync() => servers.SharedStackAsync(nameof(ScanTests));

    [Fact]
    public async Task A_scanned_tray_becomes_a_cart_of_exactly_its_products_priced_by_catalog()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();

        var scan = await client.ScanAsync(cart.Id, TestTrays.Image(Tray));

        Assert.Equal(TestTrays.Contents(Tray), scan.Cart.Contents());
        Assert.All(scan.Cart.Lines, l => Assert.Equal((l.Source, l.NeedsCheck), ("scan", false)));
        var prices = await CatalogPricesAsync(stack, scan.Cart.Lines.Select(l => l.DetectionLabel!));
        Assert.Equal(scan.Cart.Lines.Sum(l => prices[l.DetectionLabel!] * l.Quantity), scan.Cart.Total);
        Assert.Equal("KRW", scan.Cart.Currency);
        Assert.Equal(TestTrays.Boxes(Tray).Count, scan.Detections.Count);
        Assert.All(scan.Detections, d => Assert.True(d.Frame == 0 && d.Box.Width > 0 && d.ProductId > 0));
        var stored = await client.GetCartAsync(cart.Id);
        Assert.Equal(scan.Cart.Lines, stored.Lines);
        Assert.Equal(scan.Cart.Total, stored.Total);
    }

    [Fact]
    public async Task Three_frames_where_one_misses_a_product_keep_it()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();
        var hidden = TestTrays.Boxes(Tray)[0].Label;

        var scan = await client.ScanAsync(cart.Id, TestTrays.Image(Tray), TestTrays.WithoutProduct(Tray, hidden), TestTrays.Image(Tray));

        Assert.Equal(TestTrays.Contents(Tray), scan.Cart.Contents());
        Assert.DoesNotContain(scan.Detections, d => d.Frame == 1 && d.Label == hidden);
        Assert.Equal(TestTrays.Contents(Tray)[hidden] * 2, scan.Detections.Count(d => d.Label == hidden));
    }

    [Fact]
    public async Task A_rescan_of_the_same_tray_changes_nothing_and_another_tray_replaces_the_scanned_lines()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();

        var first = await client.ScanAsync(cart.Id, TestTrays.Image(Tray));
        var again = await client.ScanAsync(cart.Id, TestTrays.Image(Tray));
        var other = await client.ScanAsync(cart.Id, TestTrays.Image(OtherTray));

        Assert.Equal(first.Cart.Lines, again.Cart.Lines);
        Assert.Equal(first.Cart.Total, again.Cart.Total);
        Assert.Equal(TestTrays.Contents(OtherTray), other.Cart.Contents());
    }

    [Fact]
    public async Task Manual_lines_survive_a_rescan()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();
        var manualSku = await SkuNotOnTraysAsync(stack);
        await client.AddLineAsync(cart.Id, new { sku = manualSku, quantity = 2 });

        await client.ScanAsync(cart.Id, TestTrays.Image(Tray));
        var rescanned = await client.ScanAsync(cart.Id, TestTrays.Image(OtherTray));

        var manual = Assert.Single(rescanned.Cart.Lines, l => l.Source == "manual");
        Assert.Equal((manualSku, 2), (manual.Sku, manual.Quantity));
        Assert.Equal(TestTrays.Contents(OtherTray), rescanned.Cart.Lines.Where(l => l.Source == "scan").ToDictionary(l => l.DetectionLabel!, l => l.Quantity));
    }

    [Fact]
    public async Task Resolving_a_scanned_line_by_a_swap_is_recorded_with_the_scan()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var cart = await client.NewCartAsync();
        var scan = await client.ScanAsync(cart.Id, TestTrays.Image(Tray));
        var line = scan.Cart.Lines[0];
        var replacement = await CatalogProductAsync(stack, await SkuNotOnTraysAsync(stack));

        var response = await client.PostAsJsonAsync($"/api/carts/{cart.Id}/lines/{line.ProductId}/resolve", new { action = "swap", productId = replacement.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resolved = (await response.Content.ReadFromJsonAsync<CartResponse>())!;
        Assert.DoesNotContain(resolved.Lines, l => l.ProductId == line.ProductId);
        Assert.Equal(line.Quantity, Assert.Single(resolved.Lines, l => l.ProductId == replacement.Id).Quantity);
        var correction = Assert.Single(resolved.Corrections);
        Assert.Equal(("swap", line.ProductId, replacement.Id, line.Quantity), (correction.Action, correction.ProductId, correction.ReplacementProductId, correction.ScannedQuantity));
        Assert.NotNull(correction.ScanId);
    }

    private static async Task<Dictionary<string, int>> CatalogPricesAsync(CartStack stack, IEnumerable<string> labels)
    {
        var catalog = stack.Catalog.CreateClient();
        var products = await catalog.GetFromJsonAsync<List<CatalogProduct>>(
            "/api/catalog/products/by-labels?" + string.Join('&', labels.Select(l => $"labels={l}")));
        return products!.ToDictionary(p => p.DetectionLabel!, p => p.Price);
    }

    private static async Task<CatalogProduct> CatalogProductAsync(CartStack stack, string sku) =>
        (await stack.Catalog.CreateClient().GetFromJsonAsync<CatalogProduct>($"/api/catalog/products/by-sku/{sku}"))!;

    /// <summary>A product on neither test tray.</summary>
    private static async Task<string> SkuNotOnTraysAsync(CartStack stack)
    {
        var onTrays = TestTrays.Contents(Tray).Keys.Concat(TestTrays.Contents(OtherTray).Keys).ToHashSet();
        var page = await stack.Catalog.CreateClient().GetFromJsonAsync<Page>("/api/catalog/products?pageSize=100");
        return page!.Data.First(p => p.DetectionLabel is not null && !onTrays.Contains(p.DetectionLabel)).Sku;
    }

    private sealed record Page(List<CatalogProduct> Data);
}
