using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IceCheckout.Search.Engines.Lucene;

/// <summary>Counts matches per category from the category's doc values (hand-written: Lucene.Net.Facet is not on the package source).</summary>
internal sealed class CategoryCounter : ICollector
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private SortedDocValues? _values;
    private long[] _segmentCounts = [];

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer)
    {
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        FlushSegment();
        _values = context.AtomicReader.GetSortedDocValues(LuceneFields.CategoryValues);
        _segmentCounts = new long[_values?.ValueCount ?? 0];
    }

    public void Collect(int doc)
    {
        var ord = _values?.GetOrd(doc) ?? -1;
        if (ord >= 0)
        {
            _segmentCounts[ord]++;
        }
    }

    public IReadOnlyList<Model.FacetValue> Result()
    {
        FlushSegment();
        return [.. _counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new Model.FacetValue(pair.Key, pair.Value))];
    }

    private void FlushSegment()
    {
        if (_values is null)
        {
            return;
        }

        var term = new BytesRef();
        for (var ord = 0; ord < _segmentCounts.Length; ord++)
        {
            if (_segmentCounts[ord] > 0)
            {
                _values.LookupOrd(ord, term);
                var category = term.Utf8ToString();
                _counts[category] = _counts.GetValueOrDefault(category) + _segmentCounts[ord];
            }
        }

        _values = null;
        _segmentCounts = [];
    }
}
