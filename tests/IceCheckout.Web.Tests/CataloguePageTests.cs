using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

[Collection(StoreCollection.Name)]
public sealed class CataloguePageTests(StoreFixture store)
{
    [Fact]
    public async Task The_catalogue_shows_every_product_with_its_image_and_price()
    {
        var products = await store.ProductsAsync();
        var page = await store.NewPageAsync();

        await page.GotoAsync("/");
        var cards = page.GetByTestId("product-card");
        await Assertions.Expect(cards).ToHaveCountAsync(products.Count);

        Assert.True(products.Count >= 20, $"the seeded catalogue has {products.Count} products");
        foreach (var product in products.Take(5))
        {
            var card = CardOf(page, product.NameKo);
            await Assertions.Expect(card.GetByTestId("product-price")).ToHaveTextAsync(Won(product.Price));
            await Assertions.Expect(card.Locator("img")).ToHaveAttributeAsync("src", product.ImageUrl!);
        }

        var firstImageLoaded = await page.EvaluateAsync<bool>("() => { const img = document.querySelector('[data-testid=product-card] img'); return img.complete && img.naturalWidth > 0; }");
        Assert.True(firstImageLoaded);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_product_out_of_stock_is_marked_sold_out()
    {
        // A product no other test buys.
        var bought = Tray.All.SelectMany(tray => tray.Boxes).ToHashSet();
        var product = (await store.ProductsAsync()).First(candidate =>
            candidate.Stock > 0 && candidate.Sku != StaffPageTests.PricedSku && candidate.DetectionLabel is { } label && !bought.Contains(label));
        using var emptied = await store.CatalogApi.PostAsJsonAsync(
            $"/api/catalog/admin/products/{product.Id}/stock-adjustments", new { delta = -product.Stock, reason = "e2e: stock take found none" });
        emptied.EnsureSuccessStatusCode();
        var page = await store.NewPageAsync();

        await page.GotoAsync("/");

        await Assertions.Expect(CardOf(page, product.NameKo).GetByText("품절")).ToBeVisibleAsync();
        var others = page.GetByTestId("product-card").Filter(new() { HasNot = page.GetByRole(AriaRole.Heading, new() { Name = product.NameKo, Exact = true }) });
        Assert.Equal(0, await others.Filter(new() { HasText = "품절" }).CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_category_filter_shows_only_that_category_and_English_is_one_tap_away()
    {
        var categories = await store.CatalogApi.GetFromJsonAsync<List<CatalogCategory>>("/api/catalog/categories");
        var category = categories!.First();
        var inCategory = await store.ProductsAsync(category.Slug);
        var page = await store.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = category.NameKo, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-card")).ToHaveCountAsync(inCategory.Count);
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today's ice cream" })).ToBeVisibleAsync();
        await Assertions.Expect(CardOf(page, inCategory[0].NameEn).GetByTestId("product-price")).ToHaveTextAsync($"₩{inCategory[0].Price.ToString("N0", CultureInfo.InvariantCulture)}");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("catalogue-kiosk-portrait", 1080, 1920)]
    [InlineData("catalogue-kiosk-landscape", 1280, 800)]
    [InlineData("catalogue-phone", 390, 844)]
    public async Task Screenshots_of_the_catalogue(string name, int width, int height)
    {
        var page = await store.NewPageAsync(width, height);

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByTestId("product-card").First).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await StoreFixture.ScreenshotAsync(page, name);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the page is {overflow} px wider than a {width} px screen");
        await page.Context.CloseAsync();
    }

    public static ILocator CardOf(IPage page, string name) =>
        page.GetByTestId("product-card").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true }) });

    public static string Won(int amount) => $"{amount.ToString("N0", CultureInfo.InvariantCulture)}원";
}

public sealed record CatalogCategory(string Slug, string NameKo, string NameEn);
