using IceCheckout.Search.Catalog;
using IceCheckout.Search.Engines;

namespace IceCheckout.Search.Indexing;

/// <summary>
/// Builds the index from a full read of Catalog: every product written (an entry already at that version or newer is
/// kept), then the entries Catalog no longer lists hidden. One rebuild at a time.
/// </summary>
public sealed class IndexRebuilder(IProductIndex index, CatalogProductsClient catalog, IndexState state, TimeProvider time, ILogger<IndexRebuilder> logger) : IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<RebuildOutcome> RebuildAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var startedAt = time.GetUtcNow();
            var present = new HashSet<int>();
            var written = 0;
            await foreach (var page in catalog.ReadAllAsync(cancellationToken))
            {
                present.UnionWith(page.Select(product => product.Id));
                written += await index.ApplyAsync([.. page.Select(product => product.ToDocument())], cancellationToken);
            }

            var hidden = await index.HideAbsentAsync(present, startedAt, cancellationToken);
            await index.CompactAsync(cancellationToken);
            state.MarkBuilt();
            logger.LogInformation("Index rebuilt from Catalog: {Products} products read, {Written} written, {Hidden} hidden", present.Count, written, hidden);
            return new RebuildOutcome(present.Count, written, hidden);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();
}

/// <summary>The result of a rebuild: products Catalog listed, entries written (new or newer), entries hidden (gone from Catalog).</summary>
public sealed record RebuildOutcome(int Products, int Written, int Hidden);
