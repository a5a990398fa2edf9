using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using IceCheckout.Search.Engines;
using IceCheckout.Search.Engines.Elasticsearch;
using IceCheckout.Search.Korean;
using IceCheckout.Search.Matching;
using IceCheckout.Search.Model;
using IceCheckout.Search.Tests.Relevance;
using IceCheckout.Search.Tests.Support;
using Microsoft.Extensions.Options;

namespace IceCheckout.Search.Tests.Elasticsearch;

/// <summary>The Elasticsearch engine on the real client, its requests recorded and answered with recorded cluster responses.</summary>
public sealed class ElasticsearchIndexTests
{
    private const string Index = "icecheckout-products";

    private static readonly SearchAliases s_aliases = new(EmbeddedIndex.ServiceOptions().Aliases);

    private static (ElasticsearchProductIndex Index, RecordingRequestInvoker Cluster) Engine(Func<RecordedRequest, (int, string)> answer)
    {
        var cluster = new RecordingRequestInvoker(request => request switch
        {
            { Method: "HEAD" } => (200, ""),
            _ => answer(request),
        });
        var client = new ElasticsearchClient(ElasticsearchExtensions.Settings(new Uri("http://elastic:s3cret@127.0.0.1:9200"), cluster));
        return (new ElasticsearchProductIndex(client, Options.Create(EmbeddedIndex.ServiceOptions()), s_aliases), cluster);
    }

    [Fact]
    public async Task The_index_is_created_once_with_an_explicit_mapping_and_the_key_analyzers()
    {
        var cluster = new RecordingRequestInvoker(request => request switch
        {
            { Method: "HEAD" } => (404, ""),
            { Method: "PUT" } => (200, """{"acknowledged":true,"shards_acknowledged":true,"index":"icecheckout-products"}"""),
            _ => (200, """{"count":0}"""),
        });
        var client = new ElasticsearchClient(ElasticsearchExtensions.Settings(new Uri("http://127.0.0.1:9200"), cluster));
        var index = new ElasticsearchProductIndex(client, Options.Create(new SearchOptions()), s_aliases);

        Assert.Equal(0, await index.CountAsync(CancellationToken.None));
        Assert.Equal(0, await index.CountAsync(CancellationToken.None));

        Assert.Equal(["HEAD /icecheckout-products", "PUT /icecheckout-products", "GET /icecheckout-products/_count", "GET /icecheckout-products/_count"],
            cluster.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        var definition = JsonNode.Parse(cluster.Requests[1].Body!)!;
        Assert.Equal("strict", definition["mappings"]!["dynamic"]!.GetValue<string>());
        Assert.Equal("edge_ngram", definition["settings"]!["analysis"]!["filter"]!["key_prefix"]!["type"]!.GetValue<string>());
        var properties = definition["mappings"]!["properties"]!;
        Assert.Equal("key_prefixes", properties[IndexFields.NameCompactEdge]!["analyzer"]!.GetValue<string>());
        Assert.Equal("keys", properties[IndexFields.NameCompactEdge]!["search_analyzer"]!.GetValue<string>());
        Assert.Equal("keys", properties[IndexFields.NameWords]!["analyzer"]!.GetValue<string>());
        Assert.Equal("keyword", properties["category"]!["type"]!.GetValue<string>());
        Assert.Equal("integer", properties["price"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Products_are_bulk_indexed_at_Catalog_s_version_and_the_cluster_keeps_the_newer_one()
    {
        var (index, cluster) = Engine(_ => (200, """
            {"took":3,"errors":true,"items":[
              {"index":{"_index":"icecheckout-products","_id":"1","_version":4,"result":"created","status":201}},
              {"index":{"_index":"icecheckout-products","_id":"2","status":409,"error":{"type":"version_conflict_engine_exception","reason":"current version [7] is higher or equal to the one provided [1]"}}}]}
            """));

        var written = await index.ApplyAsync([SeedProducts.All[0] with { Version = 4 }, SeedProducts.All[1]], CancellationToken.None);

        Assert.Equal(1, written);
        var bulk = cluster.Requests.Single(r => r.Method == "POST");
        Assert.Equal("/_bulk?refresh=wait_for", bulk.PathAndQuery);
        var lines = bulk.Body!.TrimEnd('\n').Split('\n').Select(line => JsonNode.Parse(line)!).ToList();
        Assert.Equal(4, lines.Count);
        Assert.Equal("1", lines[0]["index"]!["_id"]!.GetValue<string>());
        Assert.Equal(4, lines[0]["index"]!["version"]!.GetValue<int>());
        Assert.Equal("external", lines[0]["index"]!["version_type"]!.GetValue<string>());
        Assert.Equal(["apfhsk", "melona"], lines[1][IndexFields.NameCompact]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("afs", lines[1][IndexFields.NameInitialsEdge]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("binggrae", lines[1][IndexFields.TagWords]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task A_deletion_is_indexed_as_a_hidden_entry_without_key_fields()
    {
        var (index, cluster) = Engine(_ => (200, """{"errors":false,"items":[{"index":{"_id":"1","status":200}}]}"""));

        await index.ApplyAsync([ProductDocument.Hidden(1, "BG-BAR-001", 9, DateTimeOffset.UnixEpoch)], CancellationToken.None);

        var source = JsonNode.Parse(cluster.Requests.Single(r => r.Method == "POST").Body!.Split('\n')[1])!.AsObject();
        Assert.False(source["visible"]!.GetValue<bool>());
        Assert.DoesNotContain(source, property => property.Key == IndexFields.NameWords);
    }

    [Fact]
    public async Task A_search_sends_filters_that_do_not_score_a_category_post_filter_and_reads_the_recorded_answer()
    {
        var (index, cluster) = Engine(_ => (200, RecordedSearchAnswer));

        var response = await new ProductSearch(index).SearchAsync(
            new ProductSearchRequest { Q = "멜", Category = "bar", MinPrice = 500, MaxPrice = 900, InStock = true, Page = 2, PageSize = 5 }, CancellationToken.None);

        var body = JsonNode.Parse(cluster.Requests.Single(r => r.Method == "POST").Body!)!;
        Assert.Equal((5, 5), (body["from"]!.GetValue<int>(), body["size"]!.GetValue<int>()));
        Assert.Equal("bar", body["post_filter"]!["term"]!["category"]!.GetValue<string>());
        var filters = body["query"]!["bool"]!["filter"]!.AsArray().Select(f => f!.ToJsonString()).ToList();
        Assert.Contains("""{"term":{"visible":true}}""", filters);
        Assert.Contains("""{"range":{"price":{"gte":500,"lte":900}}}""", filters);
        Assert.Contains("""{"range":{"stock":{"gte":1}}}""", filters);
        Assert.Equal("category", body["aggs"]!["category"]!["terms"]!["field"]!.GetValue<string>());

        Assert.Equal(2, response.Total);
        Assert.Equal(["BG-BAR-001", "BG-BAR-002"], response.Items.Select(item => item.Sku));
        Assert.Equal(14.0, response.Items[0].Score);
        Assert.Equal("<em>메로</em>나", response.Items[0].Highlight.NameKo);
        Assert.Equal([new FacetValue("bar", 2), new FacetValue("cone", 0)], response.Facets.Category);
    }

    [Fact]
    public async Task A_cluster_that_refuses_makes_the_engine_unavailable_rather_than_failing_obscurely()
    {
        var (index, _) = Engine(_ => (503, """{"error":{"type":"cluster_block_exception"},"status":503}"""));

        await Assert.ThrowsAsync<SearchEngineUnavailableException>(() => index.SearchAsync(ProductQuery.ForSuggestions("멜", 5), CancellationToken.None));
    }

    public static TheoryData<string, string, string> Cases => RelevanceCase.All();

    /// <summary>
    /// The relevance table on the Elasticsearch requests: each query's clauses are the shared plan's, and read as the cluster
    /// would read them (terms exact, prefixes on the <c>_edge</c> fields, fuzzy within one key) they match the expected
    /// product's indexed document.
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_search_request_for_a_table_query_matches_the_expected_product_s_document(string kind, string query, string expected)
    {
        var (index, cluster) = Engine(_ => (200, """{"hits":{"total":{"value":0},"hits":[]},"aggregations":{"category":{"buckets":[]}}}"""));
        await index.SearchAsync(ProductQuery.From(new ProductSearchRequest { Q = query }), CancellationToken.None);

        var body = JsonNode.Parse(cluster.Requests.First(r => r.Method == "POST").Body!)!;
        var should = body["query"]!["bool"]!["should"]!.AsArray();
        var words = should[0]!["bool"]!["must"]!.AsArray().Select(Clauses).ToList();
        var compact = Clauses(should[1]!);
        var plan = MatchPlan.For(QueryKeys.Parse(query));
        Assert.Equal(plan.Compact, compact);
        Assert.Equal(plan.Words.Count, words.Count);

        var candidates = expected.Contains('=', StringComparison.Ordinal)
            ? SeedProducts.All.Where(p => RelevanceCase.Mismatch(expected, p) is null)
            : SeedProducts.All.Where(p => p.Sku == expected);
        Assert.True(
            candidates.Any(product => Matches(ElasticsearchRequests.Source(product, s_aliases), words, compact)),
            $"{kind} '{query}': no document meeting {expected} matches the request");
    }

    private static List<MatchClause> Clauses(JsonNode? disMax) =>
    [
        .. disMax!["dis_max"]!["queries"]!.AsArray().Select(query =>
        {
            var constant = query!["constant_score"]!;
            var boost = constant["boost"]!.GetValue<double>();
            if (constant["filter"]!["fuzzy"] is JsonObject fuzzy)
            {
                var (field, value) = fuzzy.Single();
                return new MatchClause(field, value!["value"]!.GetValue<string>(), boost, Fuzzy: true, PrefixLength: value["prefix_length"]!.GetValue<int>());
            }

            var (termField, termValue) = constant["filter"]!["term"]!.AsObject().Single();
            return new MatchClause(termField, termValue!.GetValue<string>(), boost);
        }),
    ];

    private static bool Matches(JsonObject source, List<List<MatchClause>> words, List<MatchClause> compact) =>
        words.All(word => word.Any(clause => Matches(source, clause))) || compact.Any(clause => Matches(source, clause));

    private static bool Matches(JsonObject source, MatchClause clause)
    {
        var values = source[clause.Field]?.AsArray().Select(v => v!.GetValue<string>()).ToList() ?? [];
        var terms = IndexFields.IsEdge(clause.Field)
            ? values.SelectMany(v => Enumerable.Range(1, v.Length).Select(length => v[..length]))
            : values;
        return terms.Any(term => clause.Fuzzy
            ? term.Length >= clause.PrefixLength && term.AsSpan(0, clause.PrefixLength).SequenceEqual(clause.Value.AsSpan(0, Math.Min(clause.PrefixLength, clause.Value.Length)))
                && (EditDistance.AtMostOne(term, clause.Value) || IsTransposition(term, clause.Value))
            : term == clause.Value);
    }

    private static bool IsTransposition(string a, string b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        var differences = Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).ToList();
        return differences.Count == 2 && differences[1] == differences[0] + 1 && a[differences[0]] == b[differences[1]] && a[differences[1]] == b[differences[0]];
    }

    private const string RecordedSearchAnswer = """
        {"took":2,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},
         "hits":{"total":{"value":2,"relation":"eq"},"max_score":14.0,"hits":[
           {"_index":"icecheckout-products","_id":"1","_score":14.0,"_source":{"product_id":1,"sku":"BG-BAR-001","name_ko":"메로나","name_en":"Melona","brand":"빙그레","category":"bar","price":800,"stock":40,"image_url":"/api/catalog/products/1/image?v=7dc87f83bd9a","visible":true,"version":2,"changed_at":"2026-11-22T17:24:54.17+00:00"},"sort":[14.0,"메로나"]},
           {"_index":"icecheckout-products","_id":"2","_score":14.0,"_source":{"product_id":2,"sku":"BG-BAR-002","name_ko":"메로나 딸기","name_en":"Melona Strawberry","brand":"빙그레","category":"bar","price":800,"stock":30,"image_url":null,"visible":true,"version":1,"changed_at":"2026-11-22T17:24:54.17+00:00"},"sort":[14.0,"메로나 딸기"]}]},
         "aggregations":{"category":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[{"key":"bar","doc_count":2},{"key":"cone","doc_count":0}]}}}
        """;
}
