using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

/// <summary>The kiosk page as a shopper uses it: start, show a tray, read the cart, pay.</summary>
public sealed partial class KioskScreen(IPage page, string cartId)
{
    public IPage Page { get; } = page;

    /// <summary>The cart the kiosk made when the shopper started.</summary>
    public string CartId { get; } = cartId;

    public ILocator Lines => Page.GetByTestId("cart-line");

    public ILocator Total => Page.GetByTestId("cart-total");

    public ILocator Boxes => Page.GetByTestId("detection-box");

    /// <summary>Opens the kiosk on a fresh page and taps start.</summary>
    public static async Task<KioskScreen> StartAsync(StoreFixture store, int width = 1080, int height = 1920, IBrowser? browser = null)
    {
        var page = await store.NewPageAsync(width, height, touch: true, browser: browser);
        await page.GotoAsync("/kiosk");
        var created = await page.RunAndWaitForResponseAsync(
            () => page.GetByText("시작하기").ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.EndsWith("/api/carts", StringComparison.Ordinal));
        Assert.Equal(201, created.Status);
        var cart = await created.JsonAsync();
        return new KioskScreen(page, cart!.Value.GetProperty("id").GetString()!);
    }

    /// <summary>A photo of the tray through the kiosk's upload (a kiosk without a camera).</summary>
    public Task UploadAsync(Tray tray) => Page.GetByTestId("tray-upload").SetInputFilesAsync(tray.ImagePath);

    public ILocator LineOf(string nameKo) =>
        Lines.Filter(new() { Has = Page.Locator(".line__name").GetByText(nameKo, new() { Exact = true }) });

    /// <summary>The cart shows exactly these products, each with its quantity and line total, and their total.</summary>
    public async Task ExpectCartAsync(IReadOnlyDictionary<CatalogProduct, int> expected)
    {
        await Assertions.Expect(Lines).ToHaveCountAsync(expected.Count);
        foreach (var (product, quantity) in expected)
        {
            var line = LineOf(product.NameKo);
            await Assertions.Expect(line.GetByTestId("line-quantity")).ToHaveTextAsync($"{quantity}");
            await Assertions.Expect(line.Locator(".line__total")).ToHaveTextAsync(CataloguePageTests.Won(product.Price * quantity));
        }

        await Assertions.Expect(Total).ToHaveTextAsync(CataloguePageTests.Won(expected.Sum(entry => entry.Key.Price * entry.Value)));
    }

    /// <summary>Pays the shown total with the sandbox card that is approved; returns the order number on the receipt.</summary>
    public async Task<string> PayWithApprovedCardAsync(int total)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"{total.ToString("N0", CultureInfo.InvariantCulture)}원 결제하기" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "승인되는 카드" }).ClickAsync();
        var orderNumber = Page.GetByTestId("order-number");
        await Assertions.Expect(orderNumber).ToHaveTextAsync(OrderId());
        return await orderNumber.InnerTextAsync();
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex OrderId();
}
