using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

[Collection(StoreCollection.Name)]
public sealed class StaffPageTests(StoreFixture store)
{
    public const string PricedSku = "BG-BAR-001";

    [Fact]
    public async Task Staff_sign_in_change_a_price_and_the_catalogue_shows_the_new_one()
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
