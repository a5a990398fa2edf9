using IceCheckout.Search.Model;

namespace IceCheckout.Search.Engines;

/// <summary>The search index: the embedded Lucene index or an Elasticsearch cluster.</summary>
public interface IProductIndex
{
    /// <summary>Entries held, hidden ones included; 0 means the index was never built.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Writes each document whose version is above the one held (or that is new) and makes it searchable; returns how many were written.</summary>
    Task<int> ApplyAsync(IReadOnlyList<ProductDocument> documents, CancellationToken cancellationToken);

    /// <summary>Hides the visible entries missing from a full snapshot of Catalog that changed before the snapshot began.</summary>
    Task<int> HideAbsentAsync(IReadOnlySet<int> present, DateTimeOffset snapshotStartedAt, CancellationToken cancellationToken);

    /// <summary>After a rebuild's many writes: lays the index out as it searches fastest.</summary>
    Task CompactAsync(CancellationToken cancellationToken);

    Task<SearchPage> SearchAsync(ProductQuery query, CancellationToken cancellationToken);

    /// <summary>The best visible matches, for suggestions: no facets, no total.</summary>
    Task<IReadOnlyList<ProductDocument>> SuggestAsync(ProductQuery query, CancellationToken cancellationToken);
}

public sealed record SearchPage(long Total, IReadOnlyList<ScoredProduct> Hits, IReadOnlyList<FacetValue> Categories);

public sealed record ScoredProduct(ProductDocument Product, double Score);
