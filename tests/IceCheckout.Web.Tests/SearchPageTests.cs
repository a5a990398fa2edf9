using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

[Collection(StoreCollection.Name)]
public sealed class SearchPageTests(StoreFixture store)
{
    [Theory]
    [InlineData("ㅁㄹㄴ", "search-initial-consonants")]
    [InlineData("apfhsk", "search-layout-slip")]
    public async Task Melona_is_found_by_its_initial_consonants_and_when_typed_on_the_English_layout(string typed, string screenshot)
    {
        var page = await store.NewPageAsync(390, 844, touch: true);
        await page.GotoAsync("/search");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "검색" });

        await box.FillAsync(typed);

        await Assertions.Expect(page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option).First).ToHaveTextAsync("메로나");
        await box.PressAsync("Enter");
        await Assertions.Expect(page.GetByText($"\"{typed}\" 검색 결과")).ToBeVisibleAsync();
        var first = page.GetByTestId("product-card").First;
        await Assertions.Expect(first.GetByRole(AriaRole.Heading)).ToHaveTextAsync("메로나");
        // The characters the query reached are marked.
        await Assertions.Expect(first.GetByRole(AriaRole.Heading).Locator("mark").First).ToBeVisibleAsync();
        await StoreFixture.ScreenshotAsync(page, screenshot);
        await page.Context.CloseAsync();
    }
}
