namespace IceCheckout.Search;

/// <summary>The section <c>Search</c>.</summary>
public sealed class SearchOptions
{
    public const string SectionName = "Search";

    public EmbeddedIndexOptions Embedded { get; set; } = new();

    public ElasticsearchIndexOptions Elasticsearch { get; set; } = new();

    /// <summary>Other words for a brand, a category slug or a name word: <c>"빙그레": ["binggrae"]</c>, <c>"bar": ["바"]</c>.</summary>
    public Dictionary<string, string[]> Aliases { get; set; } = [];

    /// <summary>Longest pause between attempts to build the empty index from Catalog.</summary>
    public TimeSpan RebuildMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class EmbeddedIndexOptions
{
    /// <summary>Folder of the Lucene index, relative to the content root.</summary>
    public string IndexPath { get; set; } = "data/search-index";
}

public sealed class ElasticsearchIndexOptions
{
    public string IndexName { get; set; } = "icecheckout-products";
}
