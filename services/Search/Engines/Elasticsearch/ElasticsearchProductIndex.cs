using System.Globalization;
using System.Text.Json;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using IceCheckout.Search.Matching;
using IceCheckout.Search.Model;
using Microsoft.Extensions.Options;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace IceCheckout.Search.Engines.Elasticsearch;

/// <summary>
/// The index on an Elasticsearch cluster, through the official client's transport (node pool, authentication, telemetry)
/// with the bodies of <see cref="ElasticsearchRequests"/>. Creates its index with an explicit mapping on first use. Not run
/// against a live cluster here: its tests answer with recorded responses.
/// </summary>
public sealed class ElasticsearchProductIndex(ElasticsearchClient client, IOptions<SearchOptions> options, SearchAliases aliases) : IProductIndex
{
    private readonly string _index = options.Value.Elasticsearch.IndexName;
    private volatile bool _indexExists;

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        using var count = await SendAsync(HttpMethod.GET, $"/{_index}/_count", null, cancellationToken);
        return count.RootElement.GetProperty("count").GetInt64();
    }

    public Task<int> ApplyAsync(IReadOnlyList<ProductDocument> documents, CancellationToken cancellationToken) =>
        BulkAsync(documents, "external", cancellationToken);

    public async Task<int> HideAbsentAsync(IReadOnlySet<int> present, DateTimeOffset snapshotStartedAt, CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        using var visible = await SendAsync(
            HttpMethod.POST, $"/{_index}/_search", ElasticsearchRequests.VisibleChangedBefore(snapshotStartedAt, ProductSearchRequest.MaximumResultWindow).ToJsonString(), cancellationToken);
        var absent = visible.RootElement.GetProperty("hits").GetProperty("hits").EnumerateArray()
            .Select(hit => (Id: int.Parse(hit.GetProperty("_id").GetString()!, CultureInfo.InvariantCulture), Version: hit.GetProperty("_version").GetInt32()))
            .Where(hit => !present.Contains(hit.Id))
            .Select(hit => ProductDocument.Hidden(hit.Id, "", hit.Version, snapshotStartedAt))
            .ToList();

        // At the version held (external_gte accepts an equal one), so that the product's next change in Catalog still wins.
        return await BulkAsync(absent, "external_gte", cancellationToken);
    }

    /// <summary>Nothing to do: the cluster merges its own segments as it writes.</summary>
    public Task CompactAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<SearchPage> SearchAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        await EnsureIndexAsync(cancellationToken);
        var page = await SearchOnceAsync(ElasticsearchRequests.Search(query), cancellationToken);
        if (page.Total == 0 && query.Keys.Words.Count > 1)
        {
            page = await SearchOnceAsync(ElasticsearchRequests.Search(query, anyWord: true), cancellationToken);
        }

        return page;
    }

    public async Task<IReadOnlyList<ProductDocument>> SuggestAsync(ProductQuery query, CancellationToken cancellationToken)
    {
        if (query.Keys.IsEmpty)
        {
            return [];
        }

        await EnsureIndexAsync(cancellationToken);
        var page = await SearchOnceAsync(ElasticsearchRequests.Search(query, withFacets: false), cancellationToken);
        return [.. page.Hits.Select(hit => hit.Product)];
    }

    private async Task<SearchPage> SearchOnceAsync(System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken)
    {
        using var answer = await SendAsync(HttpMethod.POST, $"/{_index}/_search", body.ToJsonString(), cancellationToken);
        var hits = answer.RootElement.GetProperty("hits");
        var products = hits.GetProperty("hits").EnumerateArray()
            .Select(hit => new ScoredProduct(
                FromSource(hit.GetProperty("_source")),
                hit.TryGetProperty("_score", out var score) && score.ValueKind == JsonValueKind.Number ? Math.Round(score.GetDouble(), 4) : 0))
            .ToList();
        var categories = answer.RootElement.TryGetProperty("aggregations", out var aggregations)
            ? aggregations.GetProperty("category").GetProperty("buckets").EnumerateArray()
                .Select(bucket => new FacetValue(bucket.GetProperty("key").GetString()!, bucket.GetProperty("doc_count").GetInt64())).ToList()
            : [];
        return new SearchPage(hits.GetProperty("total").GetProperty("value").GetInt64(), products, categories);
    }

    private async Task<int> BulkAsync(IReadOnlyList<ProductDocument> documents, string versionType, CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return 0;
        }

        await EnsureIndexAsync(cancellationToken);
        // wait_for: the call returns once the change is searchable (the next refresh, within a second).
        using var answer = await SendAsync(
            HttpMethod.POST, "/_bulk?refresh=wait_for", ElasticsearchRequests.Bulk(_index, documents, aliases, versionType), cancellationToken);
        var written = 0;
        foreach (var item in answer.RootElement.GetProperty("items").EnumerateArray())
        {
            var status = item.GetProperty("index").GetProperty("status").GetInt32();
            if (status is >= 200 and < 300)
            {
                written++;
            }
            else if (status != 409)
            {
                // 409 is the cluster keeping a newer version; anything else is a failure to write.
                throw new SearchEngineUnavailableException($"Elasticsearch refused a bulk item ({status}): {item.GetProperty("index").GetProperty("error")}");
            }
        }

        return written;
    }

    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (_indexExists)
        {
            return;
        }

        var exists = await client.Transport.RequestAsync<StringResponse>(HttpMethod.HEAD, $"/{_index}", cancellationToken);
        if (exists.ApiCallDetails.HttpStatusCode == 404)
        {
            var created = await client.Transport.RequestAsync<StringResponse>(
                HttpMethod.PUT, $"/{_index}", PostData.String(ElasticsearchRequests.IndexDefinition().ToJsonString()), cancellationToken);
            // 400 resource_already_exists_exception: another instance created it meanwhile.
            if (!created.ApiCallDetails.HasSuccessfulStatusCode && !created.Body.Contains("resource_already_exists_exception", StringComparison.Ordinal))
            {
                throw Unavailable(created);
            }
        }
        else if (!exists.ApiCallDetails.HasSuccessfulStatusCode)
        {
            throw Unavailable(exists);
        }

        _indexExists = true;
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        var response = body is null
            ? await client.Transport.RequestAsync<StringResponse>(method, path, cancellationToken)
            : await client.Transport.RequestAsync<StringResponse>(method, path, PostData.String(body), cancellationToken);
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
        {
            throw Unavailable(response);
        }

        return JsonDocument.Parse(response.Body);
    }

    private static SearchEngineUnavailableException Unavailable(StringResponse response) => new(
        $"Elasticsearch answered {response.ApiCallDetails.HttpStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "nothing"} to {response.ApiCallDetails.HttpMethod} {response.ApiCallDetails.Uri?.AbsolutePath}.",
        response.ApiCallDetails.OriginalException);

    private static ProductDocument FromSource(JsonElement source) => new(
        source.GetProperty("product_id").GetInt32(),
        source.GetProperty("sku").GetString() ?? "",
        source.GetProperty("name_ko").GetString() ?? "",
        source.GetProperty("name_en").GetString() ?? "",
        source.GetProperty("brand").GetString() ?? "",
        source.GetProperty("category").GetString() ?? "",
        source.GetProperty("price").GetInt32(),
        source.GetProperty("stock").GetInt32(),
        source.TryGetProperty("image_url", out var image) && image.ValueKind == JsonValueKind.String ? image.GetString() : null,
        source.GetProperty("visible").GetBoolean(),
        source.GetProperty("version").GetInt32(),
        source.GetProperty("changed_at").GetDateTimeOffset());
}
