using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

[Collection(StoreCollection.Name)]
public sealed class ChecklistPageTests(StoreFixture store)
{
    [Fact]
    public async Task A_checklist_made_on_a_phone_is_loaded_at_the_kiosk_by_its_code_and_ticked_off_by_a_scan()
    {
        var products = await store.ProductsByLabelAsync();
        var (onTray, notOnTray) = (products["world_cone"], products["melona_strawberry"]);
        Assert.True(Tray.Cones.Contents.ContainsKey("world_cone") && !Tray.Cones.Contents.ContainsKey("melona_strawberry"));
        var phone = await store.NewPageAsync(390, 844, touch: true);

        await phone.GotoAsync("/checklist");
        await phone.GetByRole(AriaRole.Button, new() { Name = "새 목록 만들기" }).ClickAsync();
        var code = phone.GetByTestId("checklist-code");
        await Assertions.Expect(code).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[2-9A-HJ-NP-Z]{8}$"));
        foreach (var product in new[] { onTray, notOnTray })
        {
            await CataloguePageTests.CardOf(phone, product.NameKo).GetByRole(AriaRole.Button, new() { Name = "담기" }).ClickAsync();
            await Assertions.Expect(phone.Locator(".tick").GetByText(product.NameKo, new() { Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(phone.Locator(".share img.qr")).ToHaveAttributeAsync("data-qr", new Uri(store.Gateway.BaseAddress, $"/checklist/{await code.InnerTextAsync()}").ToString());
        await phone.EvaluateAsync("() => window.scrollTo(0, 0)");
        await StoreFixture.ScreenshotAsync(phone, "checklist-phone");
        var checklistCode = await code.InnerTextAsync();
        await phone.Context.CloseAsync();

        var kiosk = await KioskScreen.StartAsync(store, 1280, 800);
        await kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "장보기 목록 불러오기" }).ClickAsync();
        await kiosk.Page.GetByLabel("목록 코드").FillAsync(checklistCode.ToLowerInvariant());
        await kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "불러오기", Exact = true }).ClickAsync();
        var checklist = kiosk.Page.GetByTestId("kiosk-checklist");
        await Assertions.Expect(checklist).ToContainTextAsync($"{checklistCode} · 0/2");

        await kiosk.UploadAsync(Tray.Cones);

        await Assertions.Expect(kiosk.Lines).ToHaveCountAsync(Tray.Cones.Contents.Count);
        await Assertions.Expect(checklist).ToContainTextAsync($"{checklistCode} · 1/2");
        await Assertions.Expect(checklist.Locator(".check-item--scanned")).ToContainTextAsync(onTray.NameKo);
        await Assertions.Expect(checklist.Locator(".check-item--scanned")).ToContainTextAsync("담김");
        await Assertions.Expect(checklist.Locator(".check-item--missing")).ToContainTextAsync(notOnTray.NameKo);
        await Assertions.Expect(checklist.Locator(".check-item--missing")).ToContainTextAsync("아직");
        await StoreFixture.ScreenshotAsync(kiosk.Page, "kiosk-landscape-checklist");
        await kiosk.Page.Context.CloseAsync();
    }
}
