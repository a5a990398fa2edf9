using IceCheckout.Search.Model;
using IceCheckout.Search.Tests.Support;

namespace IceCheckout.Search.Tests.Relevance;

/// <summary>The seeded store's products in the embedded index, shared by every case of the table.</summary>
public sealed class SeededEmbeddedIndex : IAsyncLifetime
{
    public EmbeddedIndex Embedded { get; } = new();

    public async Task InitializeAsync() => await Embedded.Index.ApplyAsync(SeedProducts.All, CancellationToken.None);

    public Task DisposeAsync()
    {
        Embedded.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class RelevanceTests(SeededEmbeddedIndex seeded) : IClassFixture<SeededEmbeddedIndex>
{
    public static TheoryData<string, string, string> Cases => RelevanceCase.All();

    [Fact]
    public void The_table_covers_every_kind_of_query_with_at_least_60_cases()
    {
        var kinds = Cases.Select(row => (string)row[0]).ToHashSet();

        Assert.True(Cases.Count >= 60, $"{Cases.Count} cases");
        Assert.Superset(
            new HashSet<string> { "whole", "partial", "half-typed", "initials", "korean-on-english", "english-in-korean", "typo", "spacing", "english", "brand", "category" },
            kinds);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_top_search_result_is_the_expected_product(string kind, string query, string expected)
    {
        var response = await seeded.Embedded.Search.SearchAsync(new ProductSearchRequest { Q = query }, CancellationToken.None);

        var top = response.Items.Count > 0 ? response.Items[0] : null;
        var mismatch = RelevanceCase.Mismatch(expected, top is null ? null : SeedProducts.All.Single(p => p.ProductId == top.ProductId));
        Assert.True(mismatch is null, $"{kind} '{query}': {mismatch}; results: {string.Join(", ", response.Items.Take(5).Select(i => $"{i.Sku} {i.NameKo} {i.Score}"))}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_first_suggestion_is_the_expected_product(string kind, string query, string expected)
    {
        var response = await seeded.Embedded.Search.SuggestAsync(new SuggestRequest { Q = query }, CancellationToken.None);

        var top = response.Suggestions.Count > 0 ? response.Suggestions[0] : null;
        var mismatch = RelevanceCase.Mismatch(expected, top is null ? null : SeedProducts.All.Single(p => p.ProductId == top.ProductId));
        Assert.True(mismatch is null, $"{kind} '{query}': {mismatch}; suggestions: {string.Join(", ", response.Suggestions.Select(s => s.Text))}");
    }
}
