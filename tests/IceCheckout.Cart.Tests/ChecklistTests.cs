using System.Net;
using System.Net.Http.Json;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using IceCheckout.Cart.Tests.Support;

namespace IceCheckout.Cart.Tests;

[Collection(CartCollection.Name)]
public sealed class ChecklistTests(CartServers servers)
{
    private Task<CartStack> StackAsync() => servers.SharedStackAsync(nameof(ChecklistTests));

    [Fact]
    public async Task A_linked_checklist_shows_what_is_scanned_missing_and_out_of_stock()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var probe = new CatalogProbe(stack.Catalog);
        var products = await probe.ProductsAsync();
        var onTray = TestTrays.Contents("test_000000");
        var scanned = products.First(p => onTray.ContainsKey(p.DetectionLabel!));
        var missing = products.First(p => !onTray.ContainsKey(p.DetectionLabel!) && p.Stock > 0);
        var soldOut = products.Last(p => !onTray.ContainsKey(p.DetectionLabel!) && p.Id != missing.Id);
        await probe.SetStockAsync(soldOut.Id, 0);

        var created = await client.PostAsync("/api/checklists", null);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var checklist = (await created.Content.ReadFromJsonAsync<ChecklistCreated>())!;
        Assert.Matches($"^[{ChecklistCode.Alphabet}]{{{ChecklistCode.Length}}}$", checklist.Code);
        foreach (var product in new[] { scanned, missing, soldOut })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/checklists/{checklist.Code}/items/{product.Id}", new { quantity = 1 })).StatusCode);
        }

        var cart = await client.NewCartAsync();
        var linked = await client.PostAsJsonAsync($"/api/carts/{cart.Id}/checklist", new { code = checklist.Code.ToLowerInvariant() });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        await client.ScanAsync(cart.Id, TestTrays.Image("test_000000"));

        var shown = (await client.GetCartAsync(cart.Id)).Checklist!;
        Assert.Equal(checklist.Code, shown.Code);
        Assert.Equal(
            [(scanned.Id, 1, onTray[scanned.DetectionLabel!], "scanned"), (missing.Id, 1, 0, "missing"), (soldOut.Id, 1, 0, "outOfStock")],
            shown.Items.Select(i => (i.ProductId, i.Wanted, i.InCart, i.Status)));
    }

    [Fact]
    public async Task Items_are_set_changed_and_removed_and_the_checklist_is_read_by_its_code()
    {
        var stack = await StackAsync();
        var client = stack.Cart.CreateClient();
        var product = (await new CatalogProbe(stack.Catalog).ProductsAsync())[0];
        var code = (await (await client.PostAsync("/api/checklists", null)).Content.ReadFromJsonAsync<ChecklistCreated>())!.Code;

        await client.PutAsJsonAsync($"/api/checklists/{code}/items/{product.Id}", new { quantity = 2 });
        await client.PutAsJsonAsync($"/api/checklists/{code}/items/{product.Id}", new { quantity = 3 });
        var read = await client.GetFromJsonAsync<ChecklistResponse>($"/api/checklists/{code}");
        var removed = await client.DeleteAsync($"/api/checklists/{code}/items/{product.Id}");

        var item = Assert.Single(read!.Items);
        Assert.Equal((product.Id, 3, product.NameKo), (item.ProductId, item.Quantity, item.NameKo));
        Assert.True(read.ExpiresAt > DateTimeOffset.UtcNow.AddDays(29));
        Assert.Empty((await removed.Content.ReadFromJsonAsync<ChecklistResponse>())!.Items);
    }
}
