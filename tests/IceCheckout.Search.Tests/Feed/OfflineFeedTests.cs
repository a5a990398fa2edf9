using System.Net;
using System.Net.Http.Json;
using IceCheckout.Search.Feed;
using IceCheckout.Search.Tests.Support;
using StackExchange.Redis;

namespace IceCheckout.Search.Tests.Feed;

/// <summary>Real Catalog and Cart: orders paid at Cart's checkout feed the nearline counts; the offline rebuild reads them back through Cart's API.</summary>
[Collection(SearchServersCollection.Name)]
public sealed class OfflineFeedTests(SearchServers servers)
{
    [Fact]
    public async Task The_offline_rebuild_agrees_with_the_nearline_counts_repairs_drift_and_checklists_follow_Carts_events()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging);
        await using var cart = await CartInstance.StartAsync(servers, messaging, catalog.Address);
        await using var search = new FeedApp(messaging, servers.Redis.ConnectionString, catalog.Address, cart.Address,
            new Dictionary<string, string?> { ["Search:Feed:RebuildInterval"] = "00:00:00" });
        await search.WaitForRedisAsync(redis => redis.HashLengthAsync(search.Keys.Cards), count => count == 25);
        using var shopper = cart.CreateHttpClient();

        foreach (var products in new[] { new[] { 1, 2 }, [1, 2, 3], [2, 4] })
        {
            await PayAsync(shopper, products);
        }

        Dictionary<int, Dictionary<int, int>> expected = new()
        {
            [1] = new() { [2] = 2, [3] = 1 },
            [2] = new() { [1] = 2, [3] = 1, [4] = 1 },
            [3] = new() { [1] = 1, [2] = 1 },
            [4] = new() { [2] = 1 },
        };
        await search.WaitForRedisAsync(async _ => (await search.PairsAsync(4)).Count + (await search.PairsAsync(2)).Values.Sum(), total => total == 5);
        var nearline = await AllPairsAsync(search);

        using var staff = search.CreateClient();
        staff.DefaultRequestHeaders.Add("X-Api-Key", FeedApp.StaffKey);
        var agreed = await RebuildAsync(staff);

        // Drift: a count too high, and a product with partners no order holds.
        await search.Redis.SortedSetIncrementAsync(search.Keys.Pairs(1), 2, 5);
        await search.Redis.SortedSetAddAsync(search.Keys.Pairs(7), 8, 1);
        await search.Redis.SetAddAsync(search.Keys.PairedProducts, 7);
        var repaired = await RebuildAsync(staff);
        var afterRepair = await AllPairsAsync(search);

        // Cart's checklist: putting 1 on it suggests what 1 is bought with.
        var created = await shopper.PostAsync("/api/checklists", null);
        var code = (await created.Content.ReadFromJsonAsync<ChecklistCreated>())!.Code;
        (await shopper.PutAsJsonAsync($"/api/checklists/{code}/items/1", new { quantity = 2 })).EnsureSuccessStatusCode();
        (await shopper.PutAsJsonAsync($"/api/checklists/{code}/items/1", new { quantity = 3 })).EnsureSuccessStatusCode();
        var feed = await search.WaitForFeedAsync($"?checklist={code}", answer => answer.ForYourList.Count == 2);

        Assert.Equal(expected, nearline);
        // Cards may be written too (a sale's stock change can reach the list before its event): not compared.
        Assert.Equal((3, 4, 0), (agreed.Orders, agreed.PairedProducts, agreed.Repaired));
        Assert.Equal((3, 4, 2), (repaired.Orders, repaired.PairedProducts, repaired.Repaired));
        Assert.Equal(expected, afterRepair);
        Assert.False(await search.Redis.KeyExistsAsync(search.Keys.Pairs(7)));
        Assert.Equal([2, 3], feed.ForYourList.Select(p => p.ProductId));
        // The second PUT changed a quantity, added nothing: no second event.
        Assert.Equal(2, await search.Redis.ListLengthAsync(search.Keys.ChecklistSuggestions(code)));
    }

    [Fact]
    public async Task A_rebuild_while_Cart_is_down_is_a_503_ProblemDetails_and_changes_no_count()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging);
        await using var search = new FeedApp(messaging, servers.Redis.ConnectionString, catalog.Address, new Uri($"http://127.0.0.1:{SearchServers.FreePort()}"),
            new Dictionary<string, string?> { ["Search:Feed:RebuildInterval"] = "00:00:00" });
        await search.WaitForRedisAsync(redis => redis.HashLengthAsync(search.Keys.Cards), count => count == 25);
        await search.Redis.SortedSetAddAsync(search.Keys.Pairs(1), 2, 3);
        await search.Redis.SetAddAsync(search.Keys.PairedProducts, 1);

        using var staff = search.CreateClient();
        staff.DefaultRequestHeaders.Add("X-Api-Key", FeedApp.StaffKey);
        var response = await staff.PostAsync("/api/search/admin/feed/rebuild", null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new Dictionary<int, int> { [2] = 3 }, await search.PairsAsync(1));
    }

    private static async Task PayAsync(HttpClient shopper, int[] products)
    {
        var created = await shopper.PostAsync("/api/carts", null);
        created.EnsureSuccessStatusCode();
        var cartId = (await created.Content.ReadFromJsonAsync<CreatedCart>())!.Id;
        foreach (var productId in products)
        {
            (await shopper.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { productId, quantity = 1 })).EnsureSuccessStatusCode();
        }

        using var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout") { Content = JsonContent.Create(new { paymentToken = "tok_visa" }) };
        checkout.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var paid = await shopper.SendAsync(checkout);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
    }

    private static async Task<FeedRebuildOutcome> RebuildAsync(HttpClient staff)
    {
        var response = await staff.PostAsync("/api/search/admin/feed/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<FeedRebuildOutcome>())!;
    }

    private static async Task<Dictionary<int, Dictionary<int, int>>> AllPairsAsync(FeedApp search)
    {
        var products = (await search.Redis.SetMembersAsync(search.Keys.PairedProducts)).Select(p => (int)p).Order();
        var pairs = new Dictionary<int, Dictionary<int, int>>();
        foreach (var product in products)
        {
            pairs[product] = await search.PairsAsync(product);
        }

        return pairs;
    }

    private sealed record CreatedCart(Guid Id);

    private sealed record ChecklistCreated(Guid Id, string Code);
}
