using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

[Collection(StoreCollection.Name)]
public sealed class StaffPageTests(StoreFixture store)
{
    public const string PricedSku = "BG-BAR-001";

    [Fact]
    public async Task Staff_sign_in_change_a_price_and_the_catalogue_and_the_kiosk_show_the_new_one()
    {
        var product = (await store.ProductsAsync()).Single(candidate => candidate.Sku == PricedSku);
        var newPrice = product.Price + 350;
        var page = await store.NewPageAsync();

        await page.GotoAsync("/staff");
        await StoreFixture.ScreenshotAsync(page, "staff-sign-in");
        await page.GetByLabel("아이디").FillAsync(StoreFixture.StaffUser);
        await page.GetByLabel("비밀번호").FillAsync(StoreFixture.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("staff-user")).ToContainTextAsync(StoreFixture.StaffUser);
        var row = page.GetByTestId($"staff-product-{PricedSku}");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await StoreFixture.ScreenshotAsync(page, "staff-products");

        await row.GetByRole(AriaRole.Button, new() { Name = "수정" }).ClickAsync();
        var priceForm = page.GetByRole(AriaRole.Form, new() { Name = "가격" });
        await priceForm.Locator("input[name=price]").FillAsync($"{newPrice}");
        await priceForm.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).GetByText("저장했어요")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToContainTextAsync(CataloguePageTests.Won(newPrice));
        await StoreFixture.ScreenshotAsync(page, "staff-product-editor");

        await page.GotoAsync("/");
        await Assertions.Expect(CataloguePageTests.CardOf(page, product.NameKo).GetByTestId("product-price")).ToHaveTextAsync(CataloguePageTests.Won(newPrice));
        var stored = (await store.ProductsAsync()).Single(candidate => candidate.Sku == PricedSku);
        Assert.Equal(newPrice, stored.Price);
        await page.Context.CloseAsync();

        await CartPricesAsync(PricedSku, newPrice);
        var kiosk = await KioskScreen.StartAsync(store);
        await kiosk.UploadAsync(Tray.WithMelona);
        var line = kiosk.LineOf(product.NameKo);
        await Assertions.Expect(line.Locator(".line__unit")).ToHaveTextAsync(CataloguePageTests.Won(newPrice));
        await Assertions.Expect(line.Locator(".line__total")).ToHaveTextAsync(CataloguePageTests.Won(newPrice * Tray.WithMelona.Contents["melona"]));
        await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-portrait-new-price");
        await kiosk.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Staff_find_todays_order_read_its_receipt_and_refund_it()
    {
        var product = (await store.ProductsAsync()).Single(candidate => candidate.Sku == "LT-BAR-002");
        var orderId = await PaidOrderAsync(product.Sku, quantity: 2);
        var page = await store.NewPageAsync();
        await page.GotoAsync("/staff");
        await page.GetByLabel("아이디").FillAsync(StoreFixture.StaffUser);
        await page.GetByLabel("비밀번호").FillAsync(StoreFixture.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "주문 관리" }).ClickAsync();
        var listed = page.Locator(".list--select button").Filter(new() { HasText = orderId[..8] });
        await Assertions.Expect(listed).ToContainTextAsync("Paid");
        await listed.ClickAsync();
        var receipt = page.GetByTestId("receipt");
        await Assertions.Expect(receipt.GetByTestId("order-number")).ToHaveTextAsync(orderId);
        await Assertions.Expect(receipt.Locator("tbody tr")).ToContainTextAsync($"{product.NameKo}");
        await Assertions.Expect(receipt.Locator("tfoot")).ToContainTextAsync(CataloguePageTests.Won(product.Price * 2));
        await StoreFixture.ScreenshotAsync(page, "staff-orders");

        await page.GetByRole(AriaRole.Button, new() { Name = "환불" }).ClickAsync();

        await Assertions.Expect(listed).ToContainTextAsync("Refunded");
        var order = await store.CartApi.GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}");
        Assert.Equal("Refunded", order.GetProperty("state").GetString());
        await page.Context.CloseAsync();
    }

    /// <summary>An order paid through Cart itself with the sandbox's approved card.</summary>
    private async Task<string> PaidOrderAsync(string sku, int quantity)
    {
        using var created = await store.CartApi.PostAsync("/api/carts", null);
        var cartId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var added = await store.CartApi.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku, quantity });
        added.EnsureSuccessStatusCode();
        using var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout")
        {
            Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
        };
        checkout.Headers.Add("Idempotency-Key", $"{Guid.NewGuid()}");
        using var paid = await store.CartApi.SendAsync(checkout);
        Assert.Equal(System.Net.HttpStatusCode.Created, paid.StatusCode);
        return (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Waits, within a bound, until Cart has dropped its cached price on Catalog's event and prices the product anew.</summary>
    private async Task CartPricesAsync(string sku, int price)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            using var created = await store.CartApi.PostAsync("/api/carts", null);
            var cart = await created.Content.ReadFromJsonAsync<JsonElement>();
            using var added = await store.CartApi.PostAsJsonAsync($"/api/carts/{cart.GetProperty("id").GetString()}/lines", new { sku, quantity = 1 });
            var priced = await added.Content.ReadFromJsonAsync<JsonElement>();
            seen = priced.GetProperty("lines")[0].GetProperty("unitPrice").GetInt32();
            if (seen == price)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"Cart still prices {sku} at {seen}, not {price}.");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_attempts_are_rate_limited()
    {
        var page = await store.NewPageAsync(gateway: store.StrictGateway);
        await page.GotoAsync("/staff");
        var alert = page.GetByRole(AriaRole.Alert);

        for (var attempt = 1; attempt <= StoreFixture.StrictSignInLimit; attempt++)
        {
            await page.GetByLabel("아이디").FillAsync(StoreFixture.StaffUser);
            await page.GetByLabel("비밀번호").FillAsync($"wrong guess {attempt}");
            await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
            await Assertions.Expect(alert).ToHaveTextAsync("아이디 또는 비밀번호가 맞지 않아요.");
        }

        await StoreFixture.ScreenshotAsync(page, "staff-wrong-password");
        await page.GetByLabel("아이디").FillAsync(StoreFixture.StaffUser);
        await page.GetByLabel("비밀번호").FillAsync(StoreFixture.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();

        await Assertions.Expect(alert).ToContainTextAsync("요청이 너무 많아요");
        await Assertions.Expect(page.GetByTestId("staff-user")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
