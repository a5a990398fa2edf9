using System.Globalization;
using System.Runtime.CompilerServices;
using IceCheckout.Search.Model;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IceCheckout.Search.Engines.Lucene;

/// <summary>
/// The products of each index segment, read from its stored fields once, when a refresh opens the segment, rather than on
/// every search (decompressing stored fields cost about 45 µs a hit). A segment never changes once written, so the copy
/// is exact; it goes when the segment is merged away and closed.
/// </summary>
internal sealed class SegmentProducts : SearcherFactory
{
    private readonly ConditionalWeakTable<object, ProductDocument[]> _bySegment = new();

    public override IndexSearcher NewSearcher(IndexReader reader)
    {
        foreach (var leaf in reader.Leaves)
        {
            Of(leaf.AtomicReader);
        }

        return new IndexSearcher(reader);
    }

    public ProductDocument Get(IndexSearcher searcher, int doc)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        return Of(leaf.AtomicReader)[doc - leaf.DocBase];
    }

    /// <summary>Every live product of the searcher's index, hidden entries included.</summary>
    public IEnumerable<ProductDocument> All(IndexSearcher searcher)
    {
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var live = leaf.AtomicReader.LiveDocs;
            var products = Of(leaf.AtomicReader);
            for (var doc = 0; doc < products.Length; doc++)
            {
                if (live is null || live.Get(doc))
                {
                    yield return products[doc];
                }
            }
        }
    }

    private ProductDocument[] Of(AtomicReader segment) => _bySegment.GetValue(segment.CoreCacheKey, _ => Read(segment));

    private static ProductDocument[] Read(AtomicReader segment)
    {
        var products = new ProductDocument[segment.MaxDoc];
        for (var doc = 0; doc < products.Length; doc++)
        {
            products[doc] = FromLucene(segment.Document(doc));
        }

        return products;
    }

    private static ProductDocument FromLucene(Document document) => new(
        int.Parse(document.Get(LuceneFields.Id, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        document.Get(LuceneFields.Sku, CultureInfo.InvariantCulture) ?? "",
        document.Get(LuceneFields.NameKo, CultureInfo.InvariantCulture) ?? "",
        document.Get(LuceneFields.NameEn, CultureInfo.InvariantCulture) ?? "",
        document.Get(LuceneFields.Brand, CultureInfo.InvariantCulture) ?? "",
        document.Get(LuceneFields.Category, CultureInfo.InvariantCulture) ?? "",
        document.GetField(LuceneFields.Price)?.GetInt32Value() ?? 0,
        document.GetField(LuceneFields.Stock)?.GetInt32Value() ?? 0,
        document.Get(LuceneFields.ImageUrl, CultureInfo.InvariantCulture),
        document.Get(LuceneFields.Visible, CultureInfo.InvariantCulture) == "1",
        document.GetField(LuceneFields.Version)?.GetInt32Value() ?? 0,
        DateTimeOffset.FromUnixTimeMilliseconds(document.GetField(LuceneFields.ChangedAt)?.GetInt64Value() ?? 0));
}
