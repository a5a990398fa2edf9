using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using IceCheckout.Search.Tests.Support;
using Xunit.Abstractions;

namespace IceCheckout.Search.Tests;

/// <summary>Search against the real Catalog over real MariaDB, Redis and RabbitMQ: the index follows what staff change.</summary>
[Collection(SearchServersCollection.Name)]
public sealed class CatalogFollowingTests(SearchServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_product_created_renamed_and_deleted_in_Catalog_is_found_then_found_by_its_new_name_then_gone()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging);
        await using var search = new SearchApp(messaging, catalog.Address);
        var seeded = await search.WaitForAsync("메로나", found => found.Total > 0);
        Assert.Equal("BG-BAR-001", seeded.Items[0].Sku);

        using var staff = catalog.CreateStaffClient();
        var stopwatch = Stopwatch.StartNew();
        var created = await staff.PostAsJsonAsync("/api/catalog/admin/products", new
        {
            sku = "TEST-FUDGE-1", nameKo = "초코퍼지바", nameEn = "Choco Fudge Bar", brand = "빙그레", category = "bar", price = 1200, stock = 5,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var product = (await created.Content.ReadFromJsonAsync<CatalogProductReply>())!;
        var afterCreate = await search.WaitForAsync("초코퍼", found => found.Items.Any(item => item.Sku == "TEST-FUDGE-1"));
        output.WriteLine($"created -> findable: {stopwatch.ElapsedMilliseconds} ms");

        stopwatch.Restart();
        var renamed = await staff.PutAsJsonAsync($"/api/catalog/admin/products/{product.Id}", new
        {
            sku = "TEST-FUDGE-1", nameKo = "바닐라퍼지바", nameEn = "Vanilla Fudge Bar", brand = "빙그레", category = "bar", price = 1300, isActive = true, version = product.Version,
        });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var afterRename = await search.WaitForAsync("바닐라", found => found.Items.Any(item => item.Sku == "TEST-FUDGE-1"));
        output.WriteLine($"renamed -> findable: {stopwatch.ElapsedMilliseconds} ms");
        var oldName = await search.SearchAsync("초코퍼지");

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/catalog/admin/products/{product.Id}")).StatusCode);
        var afterDelete = await search.WaitForAsync("바닐라퍼지", found => found.Items.All(item => item.Sku != "TEST-FUDGE-1"));

        Assert.Equal("TEST-FUDGE-1", afterCreate.Items[0].Sku);
        Assert.Equal("<em>초코퍼</em>지바", afterCreate.Items[0].Highlight.NameKo);
        var renamedItem = afterRename.Items.Single(item => item.Sku == "TEST-FUDGE-1");
        Assert.Equal(("바닐라퍼지바", 1300), (renamedItem.NameKo, renamedItem.Price));
        Assert.DoesNotContain(oldName.Items, item => item.Sku == "TEST-FUDGE-1");
        Assert.DoesNotContain(afterDelete.Items, item => item.Sku == "TEST-FUDGE-1");
    }

    [Fact]
    public async Task Search_starts_while_Catalog_is_down_says_Degraded_and_builds_the_index_once_Catalog_answers()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        var catalogPort = SearchServers.FreePort();
        await using var search = new SearchApp(messaging, new Uri($"http://127.0.0.1:{catalogPort}"));

        var whileDown = await search.SearchAsync("메로나");
        var degraded = await search.HealthAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging, catalogPort);
        var afterCatalogCame = await search.WaitForAsync("메로나", found => found.Total > 0);
        var health = await search.WaitForHealthAsync("index", "Healthy");

        Assert.Empty(whileDown.Items);
        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        Assert.Equal("Degraded", degraded.GetProperty("entries").GetProperty("index").GetProperty("status").GetString());
        Assert.Equal("BG-BAR-001", afterCatalogCame.Items[0].Sku);
        Assert.Equal("Healthy", health.GetProperty("entries").GetProperty("index").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_staff_reindex_reads_Catalog_again_and_needs_a_staff_key()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging);
        await using var search = new SearchApp(messaging, catalog.Address);
        await search.WaitForAsync("메로나", found => found.Total > 0);

        using var anonymous = search.CreateClient();
        var withoutKey = await anonymous.PostAsync("/api/search/reindex", null);
        using var wrongKey = search.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        var withWrongKey = await wrongKey.PostAsync("/api/search/reindex", null);
        using var staff = search.CreateClient();
        staff.DefaultRequestHeaders.Add("X-Api-Key", SearchApp.StaffKey);
        var reindexed = await staff.PostAsync("/api/search/reindex", null);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reindexed.StatusCode);
        var outcome = (await reindexed.Content.ReadFromJsonAsync<Indexing.RebuildOutcome>())!;
        Assert.Equal((25, 0, 0), (outcome.Products, outcome.Written, outcome.Hidden));
    }

    private sealed record CatalogProductReply(int Id, int Version);
}
