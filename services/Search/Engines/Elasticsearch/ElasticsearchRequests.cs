using System.Text.Json.Nodes;
using IceCheckout.Search.Matching;
using IceCheckout.Search.Model;

namespace IceCheckout.Search.Engines.Elasticsearch;

/// <summary>
/// The JSON bodies the Elasticsearch engine sends: the index definition (explicit mapping and analyzers), bulk lines, and
/// searches built from the same <see cref="MatchPlan"/> as the embedded index, so that both rank alike.
/// </summary>
public static class ElasticsearchRequests
{
    private static readonly string[] s_keyFields =
        [IndexFields.NameWords, IndexFields.NameCompact, IndexFields.TagWords];

    private static readonly string[] s_prefixFields =
        [IndexFields.NameWordsEdge, IndexFields.NameCompactEdge, IndexFields.NameInnerEdge, IndexFields.NameInitialsEdge, IndexFields.TagWordsEdge];

    /// <summary>Key forms are already split and lower case: <c>keys</c> only splits on spaces; <c>key_prefixes</c> also indexes every prefix.</summary>
    public static JsonObject IndexDefinition()
    {
        var properties = new JsonObject
        {
            ["product_id"] = Type("integer"),
            ["sku"] = Type("keyword"),
            ["name_ko"] = Type("keyword"),
            ["name_en"] = Type("keyword"),
            ["brand"] = Type("keyword"),
            ["category"] = Type("keyword"),
            ["price"] = Type("integer"),
            ["stock"] = Type("integer"),
            ["image_url"] = new JsonObject { ["type"] = "keyword", ["index"] = false },
            ["visible"] = Type("boolean"),
            ["version"] = Type("integer"),
            ["changed_at"] = Type("date"),
        };
        foreach (var field in s_keyFields)
        {
            properties[field] = new JsonObject { ["type"] = "text", ["analyzer"] = "keys", ["norms"] = false, ["index_options"] = "docs" };
        }

        foreach (var field in s_prefixFields)
        {
            properties[field] = new JsonObject
            {
                ["type"] = "text", ["analyzer"] = "key_prefixes", ["search_analyzer"] = "keys", ["norms"] = false, ["index_options"] = "docs",
            };
        }

        return new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["index"] = new JsonObject { ["max_ngram_diff"] = Korean.QueryKeys.MaximumKeys },
                ["analysis"] = new JsonObject
                {
                    ["filter"] = new JsonObject
                    {
                        ["key_prefix"] = new JsonObject { ["type"] = "edge_ngram", ["min_gram"] = 1, ["max_gram"] = Korean.QueryKeys.MaximumKeys },
                    },
                    ["analyzer"] = new JsonObject
                    {
                        ["keys"] = new JsonObject { ["type"] = "custom", ["tokenizer"] = "whitespace" },
                        ["key_prefixes"] = new JsonObject { ["type"] = "custom", ["tokenizer"] = "whitespace", ["filter"] = new JsonArray("key_prefix") },
                    },
                },
            },
            ["mappings"] = new JsonObject { ["dynamic"] = "strict", ["properties"] = properties },
        };
    }

    /// <summary>
    /// One bulk index line pair per product, at Catalog's version with <c>version_type</c> <paramref name="versionType"/>: the
    /// cluster itself refuses an older version (409), which keeps the highest one.
    /// </summary>
    public static string Bulk(string index, IEnumerable<ProductDocument> documents, SearchAliases aliases, string versionType = "external")
    {
        var lines = new System.Text.StringBuilder();
        foreach (var document in documents)
        {
            var action = new JsonObject
            {
                ["index"] = new JsonObject { ["_index"] = index, ["_id"] = document.ProductId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["version"] = document.Version, ["version_type"] = versionType },
            };
            lines.Append(action.ToJsonString()).Append('\n').Append(Source(document, aliases).ToJsonString()).Append('\n');
        }

        return lines.ToString();
    }

    public static JsonObject Source(ProductDocument document, SearchAliases aliases)
    {
        var source = new JsonObject
        {
            ["product_id"] = document.ProductId,
            ["sku"] = document.Sku,
            ["name_ko"] = document.NameKo,
            ["name_en"] = document.NameEn,
            ["brand"] = document.Brand,
            ["category"] = document.Category,
            ["price"] = document.Price,
            ["stock"] = document.Stock,
            ["image_url"] = document.ImageUrl,
            ["visible"] = document.Visible,
            ["version"] = document.Version,
            ["changed_at"] = document.ChangedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (document.Visible)
        {
            foreach (var (field, values) in ProductKeys.Of(document, aliases).Fields())
            {
                source[field] = new JsonArray([.. values.Select(value => JsonValue.Create(value))]);
            }
        }

        return source;
    }

    /// <summary>A search: relevance as the plan says, filters that do not score, the category filter as a post filter so that the category counts ignore it.</summary>
    public static JsonObject Search(ProductQuery query, bool anyWord = false, bool withFacets = true)
    {
        var filters = new JsonArray(Term("visible", true));
        if (query.MinPrice is not null || query.MaxPrice is not null)
        {
            var range = new JsonObject();
            if (query.MinPrice is { } min)
            {
                range["gte"] = min;
            }

            if (query.MaxPrice is { } max)
            {
                range["lte"] = max;
            }

            filters.Add(new JsonObject { ["range"] = new JsonObject { ["price"] = range } });
        }

        if (query.InStockOnly)
        {
            filters.Add(new JsonObject { ["range"] = new JsonObject { ["stock"] = new JsonObject { ["gte"] = 1 } } });
        }

        var body = new JsonObject
        {
            ["from"] = query.Skip,
            ["size"] = query.Take,
            ["track_total_hits"] = true,
            ["query"] = new JsonObject { ["bool"] = Relevance(query, anyWord, filters) },
            ["sort"] = query.Keys.IsEmpty
                ? new JsonArray(new JsonObject { ["name_ko"] = "asc" })
                : new JsonArray("_score", new JsonObject { ["name_ko"] = "asc" }),
        };
        if (query.Category is not null)
        {
            body["post_filter"] = Term("category", query.Category);
        }

        if (withFacets)
        {
            body["aggs"] = new JsonObject { ["category"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = "category", ["size"] = 100 } } };
        }

        return body;
    }

    /// <summary>The visible entries last changed before a moment, with their versions (for hiding what a Catalog snapshot lacks).</summary>
    public static JsonObject VisibleChangedBefore(DateTimeOffset before, int size) => new()
    {
        ["size"] = size,
        ["_source"] = false,
        ["version"] = true,
        ["query"] = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["filter"] = new JsonArray(
                    Term("visible", true),
                    new JsonObject { ["range"] = new JsonObject { ["changed_at"] = new JsonObject { ["lt"] = before.ToString("O", System.Globalization.CultureInfo.InvariantCulture) } } }),
            },
        },
    };

    private static JsonObject Relevance(ProductQuery query, bool anyWord, JsonArray filters)
    {
        if (query.Keys.IsEmpty)
        {
            return new JsonObject { ["must"] = new JsonObject { ["match_all"] = new JsonObject() }, ["filter"] = filters };
        }

        var plan = MatchPlan.For(query.Keys);
        var words = new JsonArray([.. plan.Words.Select(BestOf)]);
        if (anyWord)
        {
            return new JsonObject { ["should"] = words, ["minimum_should_match"] = 1, ["filter"] = filters };
        }

        return new JsonObject
        {
            ["should"] = new JsonArray(new JsonObject { ["bool"] = new JsonObject { ["must"] = words } }, BestOf(plan.Compact)),
            ["minimum_should_match"] = 1,
            ["filter"] = filters,
        };
    }

    private static JsonObject BestOf(IReadOnlyList<MatchClause> clauses) => new()
    {
        ["dis_max"] = new JsonObject
        {
            ["queries"] = new JsonArray([.. clauses.Select(clause => (JsonNode)new JsonObject
            {
                ["constant_score"] = new JsonObject
                {
                    ["filter"] = clause.Fuzzy
                        ? new JsonObject
                        {
                            ["fuzzy"] = new JsonObject
                            {
                                [clause.Field] = new JsonObject { ["value"] = clause.Value, ["fuzziness"] = 1, ["prefix_length"] = clause.PrefixLength, ["transpositions"] = true },
                            },
                        }
                        : Term(clause.Field, clause.Value),
                    ["boost"] = clause.Boost,
                },
            })]),
        },
    };

    private static JsonObject Type(string type) => new() { ["type"] = type };

    private static JsonObject Term(string field, JsonNode? value) => new() { ["term"] = new JsonObject { [field] = value } };
}
