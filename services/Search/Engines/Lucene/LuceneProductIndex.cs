using System.Globalization;
using IceCheckout.Search.Matching;
using IceCheckout.Search.Model;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.NGram;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Options;

namespace IceCheckout.Search.Engines.Lucene;

/// <summary>
/// The embedded index: Lucene.Net on disk under <c>Search:Embedded:IndexPath</c>. One writer per folder (Lucene's write
/// lock), so one service instance per folder. Every write is committed and visible to the next search at once.
/// </summary>
public sealed class LuceneProductIndex : IProductIndex, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly SearchAliases _aliases;
    private readonly FSDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;
    private readonly SegmentProducts _products = new();

    // Kept per segment as a bit set, so a search tests each hit against it instead of walking every visible entry.
    private readonly CachingWrapperFilter _visible = new(new QueryWrapperFilter(new TermQuery(new Term(LuceneFields.Visible, "1"))));
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<int, (int Version, bool Visible, DateTimeOffset ChangedAt)> _held = [];

    public LuceneProductIndex(IOptions<SearchOptions> options, IHostEnvironment environment, SearchAliases aliases)
    {
        _aliases = aliases;
        var path = Path.GetFullPath(options.Value.Embedded.IndexPath, environment.ContentRootPath);
        System.IO.Directory.CreateDirectory(path);
        _directory = FSDirectory.Open(path);
        _writer = new IndexWriter(_directory, new IndexWriterConfig(Version, CreateAnalyzer()) { OpenMode = OpenMode.CREATE_OR_APPEND });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, _products);
        LoadHeldVersions();
    }

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        lock (_held)
        {
            return Task.FromResult((long)_held.Count);
        }
    }

    public Task<int> ApplyAsync(IReadOnlyList<ProductDocument> documents, CancellationToken cancellationToken) =>
        WriteAsync(documents, (document, held) => held is null || held.Value.Version < document.Version, cancellationToken);

    public Task<int> HideAbsentAsync(IReadOnlySet<int> present, DateTimeOffset snapshotStartedAt, CancellationToken cancellationToken)
    {
        List<ProductDocument> absent;
        lock (_held)
        {
            absent = [.. _held.Where(pair => pair.Value.Visible && pair.Value.ChangedAt < snapshotStartedAt && !present.Contains(pair.Key))
                .Select(pair => ProductDocument.Hidden(pair.Key, "", pair.Value.Version, pair.Value.ChangedAt))];
        }

        // At the version held, so that the product's next change in Catalog still wins; skipped if one came meanwhile.
        return WriteAsync(absent, (document, held) => held?.Version == document.Version && held.Value.Visible, cancellationToken);
    }

    /// <summary>Merges the index into one segment: a search then looks each term up once instead of once per segment.</summary>
    public async Task CompactAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            _writer.ForceMerge(1);
            _writer.Commit();
            _searchers.MaybeRefreshBlocking();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<int> WriteAsync(
        IReadOnlyList<ProductDocument> documents,
        Func<ProductDocument, (int Version, bool Visible, DateTimeOffset ChangedAt)?, bool> accept,
        CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var written = 0;
            foreach (var document in documents)
            {
                lock (_held)
                {
                    if (!accept(document, _held.TryGetValue(document.ProductId, out var held) ? held : null))
                    {
                        continue;
                    }

                    _held[document.ProductId] = (document.Version, document.Visible, document.ChangedAt);
                }

                _writer.UpdateDocument(new Term(LuceneFields.Id, document.ProductId.ToString(CultureInfo.InvariantCulture)), ToLucene(document));
                written++;
            }

            if (written > 0)
            {
                _writer.Commit();
                _searchers.MaybeRefreshBlocking();
            }

            return written;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<SearchPage> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        var relevance = RelevanceQuery(query);
        var searcher = _searchers.Acquire();
        try
        {
            var page = Search(searcher, relevance, query);
            if (page.Total == 0 && query.Keys.Words.Count > 1)
            {
                // No product has every word: the products with any of them are the sensible answer.
                page = Search(searcher, AnyWordQuery(query), query);
            }

            return Task.FromResult(page);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public Task<IReadOnlyList<ProductDocument>> SuggestAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        if (query.Keys.IsEmpty)
        {
            return Task.FromResult<IReadOnlyList<ProductDocument>>([]);
        }

        var searcher = _searchers.Acquire();
        try
        {
            var collector = TopFieldCollector.Create(s_byRelevance, query.Take, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false);
            searcher.Search(RelevanceQuery(query)!, VisibleFilter(query, withCategory: true), collector);
            return Task.FromResult<IReadOnlyList<ProductDocument>>([.. collector.GetTopDocs().ScoreDocs.Select(hit => _products.Get(searcher, hit.Doc))]);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static readonly Sort s_byRelevance = new(SortField.FIELD_SCORE, new SortField(LuceneFields.SortName, SortFieldType.STRING));
    private static readonly Sort s_byName = new(new SortField(LuceneFields.SortName, SortFieldType.STRING));

    private SearchPage Search(IndexSearcher searcher, Query? relevance, ProductQuery query)
    {
        var window = Math.Max(1, query.Skip + query.Take);
        var top = relevance is null
            ? TopFieldCollector.Create(s_byName, window, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: false)
            : TopFieldCollector.Create(s_byRelevance, window, fillFields: false, trackDocScores: true, trackMaxScore: false, docsScoredInOrder: false);
        var categories = new CategoryCounter();
        var matches = relevance ?? new MatchAllDocsQuery();
        if (query.Category is null)
        {
            searcher.Search(matches, VisibleFilter(query, withCategory: false), MultiCollector.Wrap(top, categories));
        }
        else
        {
            searcher.Search(matches, VisibleFilter(query, withCategory: true), top);
            searcher.Search(matches, VisibleFilter(query, withCategory: false), categories);
        }

        var hits = top.GetTopDocs(query.Skip, query.Take).ScoreDocs
            .Select(hit => new ScoredProduct(_products.Get(searcher, hit.Doc), relevance is null || float.IsNaN(hit.Score) ? 0 : Math.Round(hit.Score, 4)))
            .ToList();
        return new SearchPage(top.TotalHits, hits, categories.Result());
    }

    private static BooleanQuery? RelevanceQuery(ProductQuery query)
    {
        if (query.Keys.IsEmpty)
        {
            return null;
        }

        var plan = MatchPlan.For(query.Keys);
        var nearTerms = new NearTermQuery.Builder();
        var everyWord = new BooleanQuery(disableCoord: true);
        foreach (var word in plan.Words)
        {
            everyWord.Add(BestOf(word, nearTerms), Occur.MUST);
        }

        var relevance = new BooleanQuery(disableCoord: true);
        relevance.Add(everyWord, Occur.SHOULD);
        relevance.Add(BestOf(plan.Compact, nearTerms), Occur.SHOULD);
        return relevance;
    }

    private static BooleanQuery AnyWordQuery(ProductQuery query)
    {
        var nearTerms = new NearTermQuery.Builder();
        var anyWord = new BooleanQuery(disableCoord: true);
        foreach (var word in MatchPlan.For(query.Keys).Words)
        {
            anyWord.Add(BestOf(word, nearTerms), Occur.SHOULD);
        }

        return anyWord;
    }

    private static DisjunctionMaxQuery BestOf(IEnumerable<MatchClause> clauses, NearTermQuery.Builder nearTerms)
    {
        var best = new DisjunctionMaxQuery(0f);
        foreach (var clause in clauses)
        {
            Query match = clause.Fuzzy
                ? nearTerms.For(clause.Field, clause.Value, clause.PrefixLength)
                : new TermQuery(new Term(clause.Field, clause.Value));
            best.Add(new ConstantScoreQuery(match) { Boost = (float)clause.Boost });
        }

        return best;
    }

    private Filter VisibleFilter(ProductQuery query, bool withCategory)
    {
        if ((!withCategory || query.Category is null) && query.MinPrice is null && query.MaxPrice is null && !query.InStockOnly)
        {
            return _visible;
        }

        var filter = new BooleanQuery { { new TermQuery(new Term(LuceneFields.Visible, "1")), Occur.MUST } };
        if (withCategory && query.Category is not null)
        {
            filter.Add(new TermQuery(new Term(LuceneFields.Category, query.Category)), Occur.MUST);
        }

        if (query.MinPrice is not null || query.MaxPrice is not null)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(LuceneFields.Price, query.MinPrice, query.MaxPrice, true, true), Occur.MUST);
        }

        if (query.InStockOnly)
        {
            filter.Add(NumericRangeQuery.NewInt32Range(LuceneFields.Stock, 1, null, true, true), Occur.MUST);
        }

        return new QueryWrapperFilter(filter);
    }

    private Document ToLucene(ProductDocument product)
    {
        var document = new Document
        {
            new StringField(LuceneFields.Id, product.ProductId.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
            new StoredField(LuceneFields.Sku, product.Sku),
            new StoredField(LuceneFields.NameKo, product.NameKo),
            new StoredField(LuceneFields.NameEn, product.NameEn),
            new StoredField(LuceneFields.Brand, product.Brand),
            new StringField(LuceneFields.Category, product.Category, Field.Store.YES),
            new Int32Field(LuceneFields.Price, product.Price, Field.Store.YES),
            new Int32Field(LuceneFields.Stock, product.Stock, Field.Store.YES),
            new StringField(LuceneFields.Visible, product.Visible ? "1" : "0", Field.Store.YES),
            new StoredField(LuceneFields.Version, product.Version),
            new StoredField(LuceneFields.ChangedAt, product.ChangedAt.ToUnixTimeMilliseconds()),
            new SortedDocValuesField(LuceneFields.SortName, new BytesRef(product.NameKo)),
        };
        if (product.Category.Length > 0)
        {
            document.Add(new SortedDocValuesField(LuceneFields.CategoryValues, new BytesRef(product.Category)));
        }

        if (product.ImageUrl is not null)
        {
            document.Add(new StoredField(LuceneFields.ImageUrl, product.ImageUrl));
        }

        if (product.Visible)
        {
            foreach (var (field, values) in ProductKeys.Of(product, _aliases).Fields())
            {
                foreach (var value in values)
                {
                    document.Add(new TextField(field, value, Field.Store.NO));
                }
            }
        }

        return document;
    }

    private void LoadHeldVersions()
    {
        var searcher = _searchers.Acquire();
        try
        {
            foreach (var product in _products.All(searcher))
            {
                _held[product.ProductId] = (product.Version, product.Visible, product.ChangedAt);
            }
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static PerFieldAnalyzerWrapper CreateAnalyzer()
    {
        var prefixes = Analyzer.NewAnonymous((_, reader) =>
        {
            var tokenizer = new WhitespaceTokenizer(Version, reader);
            return new TokenStreamComponents(tokenizer, new EdgeNGramTokenFilter(Version, tokenizer, 1, Korean.QueryKeys.MaximumKeys));
        });
        var edgeFields = new[]
        {
            IndexFields.NameWordsEdge, IndexFields.NameCompactEdge, IndexFields.NameInnerEdge, IndexFields.NameInitialsEdge, IndexFields.TagWordsEdge,
        };
        return new PerFieldAnalyzerWrapper(new WhitespaceAnalyzer(Version), edgeFields.ToDictionary(field => field, _ => prefixes));
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
        _writeLock.Dispose();
    }
}
