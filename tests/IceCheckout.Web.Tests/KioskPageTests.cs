using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

[Collection(StoreCollection.Name)]
public sealed class KioskPageTests(StoreFixture store)
{
    [Theory]
    [InlineData("kiosk-portrait", 1080, 1920)]
    [InlineData("kiosk-landscape", 1280, 800)]
    [InlineData("kiosk-phone", 390, 844)]
    public async Task The_kiosk_welcomes_the_shopper_full_screen(string name, int width, int height)
    {
        var page = await store.NewPageAsync(width, height, touch: true);

        await page.GotoAsync("/kiosk");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "아이스크림을 쟁반 위에 올려 주세요" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".topbar")).ToHaveCountAsync(0);
        await StoreFixture.ScreenshotAsync(page, $"{name}-welcome");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_the_cart_service_the_kiosk_says_plainly_that_it_cannot_start()
    {
        var page = await store.NewPageAsync(1080, 1920, touch: true);
        await page.GotoAsync("/kiosk");

        await page.GetByText("시작하기").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("지금은 이 기능을 쓸 수 없어요");
        await StoreFixture.ScreenshotAsync(page, "kiosk-portrait-cart-unavailable");
        await page.Context.CloseAsync();
    }
}
