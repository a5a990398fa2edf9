using System.Net;
using System.Net.Http.Json;
using IceCheckout.Search.Feed;
using IceCheckout.Search.Feed.Events;
using IceCheckout.Search.Tests.Support;

namespace IceCheckout.Search.Tests.Feed;

/// <summary>Activity events in through real RabbitMQ, the feed out of real Redis, product cards from the real Catalog.</summary>
[Collection(SearchServersCollection.Name)]
public sealed class NearlineFeedTests(SearchServers servers)
{
    [Fact]
    public async Task Paid_orders_and_scans_make_popular_now_and_goes_well_with_and_repeated_events_change_nothing()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging);
        await using var search = new FeedApp(messaging, servers.Redis.ConnectionString, catalog.Address);
        await search.WaitForRedisAsync(redis => redis.HashLengthAsync(search.Keys.Cards), count => count == 25);

        // Out of stock: sold, so popular, but never shown.
        using var staff = catalog.CreateStaffClient();
        var emptied = await staff.PostAsJsonAsync("/api/catalog/admin/products/9/stock-adjustments", new { delta = -35, reason = "test: sold out" });
        emptied.EnsureSuccessStatusCode();
        await search.WaitForRedisAsync(redis => redis.HashGetAsync(search.Keys.Cards, 9), card => ProductCards.Read(card)?.Stock == 0);

        var cartId = Guid.NewGuid();
        OrderPaidIntegrationEvent[] orders =
        [
            new(Guid.NewGuid(), [new(1, 3), new(2, 1)]),
            new(Guid.NewGuid(), [new(1, 1), new(3, 1)]),
            new(Guid.NewGuid(), [new(2, 1), new(3, 1), new(9, 5)]),
        ];
        CartScannedIntegrationEvent[] scans =
        [
            new(cartId, Guid.NewGuid(), [new(4, 1), new(1, 2)], null),
            // A rescan of the same tray counts nothing again.
            new(cartId, Guid.NewGuid(), [new(4, 1), new(1, 2)], null),
        ];
        foreach (var order in orders)
        {
            await search.PublishAsync(order);
        }

        foreach (var scan in scans)
        {
            await search.PublishAsync(scan);
        }

        var query = $"?cart={cartId}";
        await search.WaitForRedisAsync(async _ => (await search.PairsAsync(2)).ContainsKey(9), held => held);
        var first = await search.WaitForFeedAsync(query, feed => feed.PopularNow.Any(p => p.ProductId == 4) && feed.GoesWellWith.Count == 2);
        var pairsOfOne = await search.PairsAsync(1);

        // The same events again (same ids), then a new order of one product, on the same queue, as a marker.
        foreach (var order in orders)
        {
            await search.PublishAsync(order);
        }

        foreach (var scan in scans)
        {
            await search.PublishAsync(scan);
        }

        // New events on both queues after the repeats, as markers: once they are in, the repeats were handled.
        var otherCart = Guid.NewGuid();
        await search.PublishAsync(new OrderPaidIntegrationEvent(Guid.NewGuid(), [new(5, 1)]));
        await search.PublishAsync(new CartScannedIntegrationEvent(otherCart, Guid.NewGuid(), [new(5, 1)], null));
        await search.WaitForRedisAsync(redis => redis.KeyExistsAsync(search.Keys.Cart(otherCart)), held => held);
        var afterRepeats = await search.WaitForFeedAsync(query, feed => feed.PopularNow.Any(p => p.ProductId == 5));

        // Popular: 1 = 3 + 1 sold + 1 scanned, 2 = 2, 3 = 2, 4 = 1 scanned; 9 sold 5 but has no stock.
        Assert.Equal([1, 2, 3, 4], first.PopularNow.Select(p => p.ProductId));
        Assert.All(first.PopularNow, p => Assert.Equal("Popular in the last 24 hours", p.Reason));
        var melona = first.PopularNow[0];
        // Catalog also follows orders.order.paid, so the stock on the card may already be lower than the seed's 40.
        Assert.Equal(("BG-BAR-001", "메로나", "Melona", 800), (melona.Sku, melona.NameKo, melona.NameEn, melona.Price));
        Assert.InRange(melona.Stock, 1, 40);
        Assert.StartsWith("/api/catalog/products/1/image", melona.ImageUrl);
        // The cart holds 1 and 4: 1 was bought with 2 and with 3; nothing in the cart itself.
        Assert.Equal([2, 3], first.GoesWellWith.Select(p => p.ProductId));
        Assert.All(first.GoesWellWith, p => Assert.Equal("Often bought with Melona", p.Reason));
        Assert.Equal(new Dictionary<int, int> { [2] = 1, [3] = 1 }, pairsOfOne);
        Assert.Empty(first.ForYourList);

        // 5: one sold, one scanned.
        Assert.Equal([1, 2, 3, 5, 4], afterRepeats.PopularNow.Select(p => p.ProductId));
        Assert.Equal(first.GoesWellWith.Select(p => (p.ProductId, p.Reason)), afterRepeats.GoesWellWith.Select(p => (p.ProductId, p.Reason)));
        Assert.Equal(pairsOfOne, await search.PairsAsync(1));
        Assert.Equal(new Dictionary<int, int> { [1] = 1, [3] = 1, [9] = 1 }, await search.PairsAsync(2));
        var scores = await search.Redis.SortedSetCombineWithScoresAsync(StackExchange.Redis.SetOperation.Union, search.Keys.PopularWindow(DateTimeOffset.UtcNow));
        Assert.Equal([(1, 5.0), (9, 5.0), (2, 2.0), (3, 2.0), (5, 2.0), (4, 1.0)], scores.Select(s => ((int)s.Element, s.Score)).OrderByDescending(s => s.Item2).ThenBy(s => s.Item1));
    }

    [Fact]
    public async Task A_checklist_gets_a_capped_newest_first_list_of_what_its_items_are_bought_with_never_what_is_on_it()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging);
        await using var search = new FeedApp(messaging, servers.Redis.ConnectionString, catalog.Address, settings: new Dictionary<string, string?>
        {
            ["Search:Feed:ChecklistSuggestionsLength"] = "4",
            ["Search:Feed:SuggestionsPerChecklistItem"] = "2",
        });
        await search.WaitForRedisAsync(redis => redis.HashLengthAsync(search.Keys.Cards), count => count == 25);

        // Bought together: 1 with 2 (twice) and 3; 5 with 6 (twice) and 7; 8 with 10 (twice) and 11.
        OrderPaidIntegrationEvent[] orders =
        [
            new(Guid.NewGuid(), [new(1, 1), new(2, 1), new(3, 1)]), new(Guid.NewGuid(), [new(1, 1), new(2, 1)]),
            new(Guid.NewGuid(), [new(5, 1), new(6, 1), new(7, 1)]), new(Guid.NewGuid(), [new(5, 1), new(6, 1)]),
            new(Guid.NewGuid(), [new(8, 1), new(10, 1), new(11, 1)]), new(Guid.NewGuid(), [new(8, 1), new(10, 1)]),
        ];
        foreach (var order in orders)
        {
            await search.PublishAsync(order);
        }

        // Orders are handled concurrently: wait until every one of them counted (each product here was bought with others 3 times).
        await search.WaitForRedisAsync(
            async _ => (await Task.WhenAll(new[] { 1, 5, 6, 8 }.Select(search.PairsAsync))).Select(pairs => pairs.Values.Sum()).ToArray(),
            bought => bought.All(times => times == 3));

        const string code = "K7PQ2MXA";
        var listKey = search.Keys.ChecklistSuggestions(code);
        var lengths = new List<long>();
        var added = new List<ChecklistItemAddedIntegrationEvent>();
        foreach (var productId in new[] { 1, 5, 8, 6 })
        {
            var item = new ChecklistItemAddedIntegrationEvent(code, productId, 1);
            added.Add(item);
            await search.PublishAsync(item);
            await search.WaitForRedisAsync(redis => redis.SetContainsAsync(search.Keys.ChecklistItems(code), productId), held => held);
            lengths.Add(await search.Redis.ListLengthAsync(listKey));
        }

        var list = (await search.Redis.ListRangeAsync(listKey)).Select(v => v.ToString()).ToArray();
        var feed = await search.FeedAsync($"?checklist={code.ToLowerInvariant()}");

        // A repeated event adds nothing.
        await search.PublishAsync(added[^1]);
        await search.PublishAsync(new ChecklistItemAddedIntegrationEvent(code, 3, 1));
        await search.WaitForRedisAsync(redis => redis.SetContainsAsync(search.Keys.ChecklistItems(code), 3), held => held);
        var afterRepeat = (await search.Redis.ListRangeAsync(listKey)).Select(v => v.ToString()).ToArray();

        Assert.Equal([2, 4, 4, 4], lengths);
        // 6 was bought with 5 twice and 7 once: 5 heads the list, then 7, then what 8 brought.
        Assert.Equal(["5:6", "7:6", "10:8", "11:8"], list);
        // 5 is on the checklist, so it is not suggested.
        Assert.Equal([7, 10, 11], feed.ForYourList.Select(p => p.ProductId));
        Assert.Equal(["Goes with Ssangssang Bar on your list", "Goes with Screw Bar on your list", "Goes with Screw Bar on your list"], feed.ForYourList.Select(p => p.Reason));
        // 3 was bought with 1 and 2 once each: the same ranks break by id (descending for Redis), nothing from the repeat.
        Assert.Equal(["2:3", "1:3", "5:6", "7:6"], afterRepeat);
    }

    [Fact]
    public async Task Bad_feed_input_is_a_400_ProblemDetails_and_searches_are_sampled_without_who_made_them()
    {
        var messaging = await servers.RabbitMq.CreateVirtualHostAsync();
        await using var catalog = await CatalogInstance.StartAsync(servers, messaging);
        await using var search = new FeedApp(messaging, servers.Redis.ConnectionString, catalog.Address, settings: new Dictionary<string, string?>
        {
            ["Search:Feed:QuerySampleRate"] = "1",
        });
        await search.WaitForRedisAsync(redis => redis.HashLengthAsync(search.Keys.Cards), count => count == 25);
        using var client = search.CreateClient();

        var badCode = await client.GetAsync("/api/search/feed?checklist=O0I1abcd");
        var badCart = await client.GetAsync("/api/search/feed?cart=not-a-guid");
        var badSize = await client.GetAsync("/api/search/feed?size=21");
        var empty = await search.FeedAsync("?checklist=K7PQ2MXA&cart=" + Guid.NewGuid());
        var rebuildWithoutKey = await client.PostAsync("/api/search/admin/feed/rebuild", null);

        var found = await client.GetAsync("/api/search/products?q=" + Uri.EscapeDataString("  메로나   BAR "));
        found.EnsureSuccessStatusCode();
        var queries = await search.WaitForRedisAsync(
            redis => redis.SortedSetRangeByRankWithScoresAsync(search.Keys.QueryBucket(DateTimeOffset.UtcNow)), entries => entries.Length > 0);

        foreach (var bad in new[] { badCode, badCart, badSize })
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        }

        Assert.Empty(empty.GoesWellWith);
        Assert.Empty(empty.ForYourList);
        Assert.Equal(HttpStatusCode.Unauthorized, rebuildWithoutKey.StatusCode);
        Assert.Equal([("메로나 bar", 1.0)], queries.Select(q => (q.Element.ToString(), q.Score)));
    }
}
