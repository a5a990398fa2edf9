using IceCheckout.Search.Model;
using IceCheckout.Search.Tests.Support;

namespace IceCheckout.Search.Tests;

public sealed class EmbeddedIndexTests : IDisposable
{
    private readonly EmbeddedIndex _embedded = new();

    private static ProductDocument Melona(int version, string nameKo = "메로나", bool visible = true) =>
        SeedProducts.All[0] with { NameKo = nameKo, Version = version, Visible = visible };

    private async Task<IReadOnlyList<string>> NamesFoundAsync(string query) =>
        [.. (await _embedded.Search.SearchAsync(new ProductSearchRequest { Q = query }, CancellationToken.None)).Items.Select(item => item.NameKo)];

    [Fact]
    public async Task An_older_or_repeated_version_leaves_the_entry_as_it_is()
    {
        var first = await _embedded.Index.ApplyAsync([Melona(3, "새메로나")], CancellationToken.None);
        var older = await _embedded.Index.ApplyAsync([Melona(2, "옛메로나")], CancellationToken.None);
        var repeat = await _embedded.Index.ApplyAsync([Melona(3, "다른메로나")], CancellationToken.None);

        Assert.Equal((1, 0, 0), (first, older, repeat));
        Assert.Equal(["새메로나"], await NamesFoundAsync("메로나"));
    }

    [Fact]
    public async Task A_deleted_product_is_not_found_and_a_late_older_upsert_does_not_bring_it_back()
    {
        await _embedded.Index.ApplyAsync([Melona(2)], CancellationToken.None);
        await _embedded.Index.ApplyAsync([ProductDocument.Hidden(1, "BG-BAR-001", 3, DateTimeOffset.UtcNow)], CancellationToken.None);
        await _embedded.Index.ApplyAsync([Melona(2)], CancellationToken.None);

        Assert.Empty(await NamesFoundAsync("메로나"));
        Assert.Equal(1, await _embedded.Index.CountAsync(CancellationToken.None));

        await _embedded.Index.ApplyAsync([Melona(4)], CancellationToken.None);
        Assert.Equal(["메로나"], await NamesFoundAsync("메로나"));
    }

    [Fact]
    public async Task Entries_missing_from_a_Catalog_snapshot_are_hidden_unless_they_changed_after_it_began()
    {
        var snapshotStart = DateTimeOffset.UtcNow;
        await _embedded.Index.ApplyAsync(SeedProducts.All, CancellationToken.None);
        var createdDuringSnapshot = SeedProducts.All[1] with { ProductId = 100, Sku = "NEW-1", ChangedAt = snapshotStart.AddSeconds(1) };
        await _embedded.Index.ApplyAsync([createdDuringSnapshot], CancellationToken.None);

        var present = SeedProducts.All.Where(p => p.Sku != "BG-BAR-001").Select(p => p.ProductId).ToHashSet();
        var hidden = await _embedded.Index.HideAbsentAsync(present, snapshotStart, CancellationToken.None);

        Assert.Equal(1, hidden);
        Assert.Equal(["메로나 딸기", "메로나 딸기"], await NamesFoundAsync("메로나"));
    }

    [Fact]
    public async Task The_index_survives_a_restart_with_its_versions()
    {
        await _embedded.Index.ApplyAsync([Melona(5)], CancellationToken.None);
        _embedded.Close(deleteFolder: false);

        using var reopened = new EmbeddedIndex(_embedded.Folder);
        var older = await reopened.Index.ApplyAsync([Melona(4, "옛메로나")], CancellationToken.None);
        var found = await reopened.Search.SearchAsync(new ProductSearchRequest { Q = "메로나" }, CancellationToken.None);

        Assert.Equal(0, older);
        Assert.Equal(1, await reopened.Index.CountAsync(CancellationToken.None));
        Assert.Equal("메로나", Assert.Single(found.Items).NameKo);
    }

    [Fact]
    public async Task Compacting_after_a_rebuild_keeps_every_entry_its_version_and_later_changes()
    {
        await _embedded.Index.ApplyAsync(SeedProducts.All, CancellationToken.None);
        await _embedded.Index.ApplyAsync([ProductDocument.Hidden(2, "BG-BAR-002", 5, DateTimeOffset.UtcNow)], CancellationToken.None);
        await _embedded.Index.ApplyAsync([Melona(6, "새메로나")], CancellationToken.None);

        await _embedded.Index.CompactAsync(CancellationToken.None);
        var older = await _embedded.Index.ApplyAsync([Melona(5, "옛메로나")], CancellationToken.None);
        var compacted = await NamesFoundAsync("메로나");
        await _embedded.Index.ApplyAsync([Melona(7, "메로나 멜론")], CancellationToken.None);

        Assert.Equal(0, older);
        Assert.Equal(SeedProducts.All.Count, await _embedded.Index.CountAsync(CancellationToken.None));
        Assert.Equal(["새메로나"], compacted);
        Assert.Equal(["메로나 멜론"], await NamesFoundAsync("메로나"));
    }

    [Fact]
    public async Task Filters_narrow_the_matches_and_the_category_counts_ignore_the_category_filter()
    {
        await _embedded.Index.ApplyAsync([.. SeedProducts.All.Select(p => p.Sku == "LT-CON-001" ? p with { Stock = 0 } : p)], CancellationToken.None);

        var cones = await _embedded.Search.SearchAsync(new ProductSearchRequest { Category = "cone", InStock = true }, CancellationToken.None);
        var cheap = await _embedded.Search.SearchAsync(new ProductSearchRequest { MinPrice = 1000, MaxPrice = 1200 }, CancellationToken.None);

        Assert.Equal(["구구콘", "부라보콘", "슈퍼콘"], cones.Items.Select(item => item.NameKo));
        Assert.Equal(3, cones.Total);
        Assert.Contains(new FacetValue("bar", 10), cones.Facets.Category);
        Assert.Contains(new FacetValue("cone", 3), cones.Facets.Category);
        Assert.All(cheap.Items, item => Assert.InRange(item.Price, 1000, 1200));
        Assert.Equal(cheap.Total, cheap.Facets.Category.Sum(facet => facet.Count));
        Assert.Equal(6, cheap.Total);
    }

    [Fact]
    public async Task Pages_follow_one_another_without_overlap()
    {
        await _embedded.Index.ApplyAsync(SeedProducts.All, CancellationToken.None);

        var pages = new List<ProductSearchResponse>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await _embedded.Search.SearchAsync(new ProductSearchRequest { Q = "바", Page = page, PageSize = 4 }, CancellationToken.None));
        }

        // The ten bars, and 빠삐코: a missed Shift types ㅃ as ㅂ, so 바 is also how 빠 begins.
        var skus = pages.SelectMany(page => page.Items).Select(item => item.Sku).ToList();
        Assert.All(pages, page => Assert.Equal(11, page.Total));
        Assert.Equal(11, skus.Count);
        Assert.Equal(skus.Count, skus.Distinct().Count());
        Assert.Equal([4, 4, 3], pages.Select(page => page.Items.Count));
    }

    [Fact]
    public async Task Results_carry_their_highlights_and_scores_best_first()
    {
        await _embedded.Index.ApplyAsync(SeedProducts.All, CancellationToken.None);

        var found = await _embedded.Search.SearchAsync(new ProductSearchRequest { Q = "멜" }, CancellationToken.None);

        Assert.Equal(["메로나", "메로나 딸기"], found.Items.Select(item => item.NameKo));
        Assert.Equal("<em>메로</em>나", found.Items[0].Highlight.NameKo);
        Assert.Null(found.Items[0].Highlight.NameEn);
        Assert.True(found.Items[0].Score >= found.Items[1].Score);
    }

    [Fact]
    public async Task A_suggestion_shows_the_English_name_when_only_it_matched()
    {
        await _embedded.Index.ApplyAsync(SeedProducts.All, CancellationToken.None);

        var english = await _embedded.Search.SuggestAsync(new SuggestRequest { Q = "mel", Size = 2 }, CancellationToken.None);
        var korean = await _embedded.Search.SuggestAsync(new SuggestRequest { Q = "apf", Size = 2 }, CancellationToken.None);

        Assert.Equal(["Melona", "Melona Strawberry"], english.Suggestions.Select(s => s.Text));
        Assert.Equal(["메로나", "메로나 딸기"], korean.Suggestions.Select(s => s.Text));
        Assert.Equal("BG-BAR-001", korean.Suggestions[0].Sku);
    }

    [Fact]
    public async Task Words_that_no_product_has_together_fall_back_to_products_with_any_of_them()
    {
        await _embedded.Index.ApplyAsync(SeedProducts.All, CancellationToken.None);

        Assert.Equal(["메로나", "메로나 딸기"], await NamesFoundAsync("메로나 zzzzqqq"));
    }

    public void Dispose() => _embedded.Dispose();
}
