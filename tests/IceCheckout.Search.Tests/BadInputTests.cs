using System.Net;
using IceCheckout.Search.Tests.Support;

namespace IceCheckout.Search.Tests;

/// <summary>One Search over the seeded Catalog for all the bad-input cases.</summary>
public sealed class SeededSearch : IAsyncLifetime
{
    private CatalogInstance? _catalog;

    public SearchServers Servers { get; } = new();

    public SearchApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Servers.InitializeAsync();
        var messaging = await Servers.RabbitMq.CreateVirtualHostAsync();
        _catalog = await CatalogInstance.StartAsync(Servers, messaging);
        App = new SearchApp(messaging, _catalog.Address);
        await App.WaitForAsync("메로나", found => found.Total > 0);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_catalog is not null)
        {
            await _catalog.DisposeAsync();
        }

        await Servers.DisposeAsync();
    }
}

public sealed class BadInputTests(SeededSearch seeded) : IClassFixture<SeededSearch>
{
    public static TheoryData<string, HttpStatusCode> Requests => new()
    {
        { "/api/search/products?q=", HttpStatusCode.OK },
        { "/api/search/products?q=%20%20%20", HttpStatusCode.OK },
        { $"/api/search/products?q={new string('메', 10_000)}", HttpStatusCode.BadRequest },
        { $"/api/search/products?q={new string('a', 200)}", HttpStatusCode.OK },
        { "/api/search/products?q=*:*%20OR", HttpStatusCode.OK },
        { "/api/search/products?q=%5C", HttpStatusCode.OK },
        { "/api/search/products?q=%22%EB%A9%94%EB%A1%9C", HttpStatusCode.OK },
        { "/api/search/products?q=~", HttpStatusCode.OK },
        { "/api/search/products?q=%EB%A9%94%EB%A1%9C~2%5E10", HttpStatusCode.OK },
        { "/api/search/products?q=name_words:apfhsk", HttpStatusCode.OK },
        { "/api/search/products?q=%00%01%1F%7F", HttpStatusCode.OK },
        { "/api/search/products?q=%ED%A0%80", HttpStatusCode.OK },
        { "/api/search/products?minPrice=2000&maxPrice=500", HttpStatusCode.BadRequest },
        { "/api/search/products?minPrice=-1", HttpStatusCode.BadRequest },
        { "/api/search/products?minPrice=abc", HttpStatusCode.BadRequest },
        { "/api/search/products?page=-1", HttpStatusCode.BadRequest },
        { "/api/search/products?page=0", HttpStatusCode.BadRequest },
        { "/api/search/products?page=99999999999", HttpStatusCode.BadRequest },
        { "/api/search/products?page=600&pageSize=20", HttpStatusCode.BadRequest },
        { "/api/search/products?page=2&pageSize=20", HttpStatusCode.OK },
        { "/api/search/products?pageSize=0", HttpStatusCode.BadRequest },
        { "/api/search/products?pageSize=100000", HttpStatusCode.BadRequest },
        { "/api/search/products?inStock=maybe", HttpStatusCode.BadRequest },
        { "/api/search/products?category=no-such-category", HttpStatusCode.OK },
        { "/api/search/suggest?q=", HttpStatusCode.OK },
        { "/api/search/suggest?q=*:*%20OR%20%22", HttpStatusCode.OK },
        { "/api/search/suggest?q=%00", HttpStatusCode.OK },
        { $"/api/search/suggest?q={new string('x', 10_000)}", HttpStatusCode.BadRequest },
        { "/api/search/suggest?q=mel&size=0", HttpStatusCode.BadRequest },
        { "/api/search/suggest?q=mel&size=abc", HttpStatusCode.BadRequest },
        { "/api/search/suggest?q=mel&size=1000", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Bad_input_gets_sensible_results_or_a_400_ProblemDetails_and_never_a_leaked_error(string path, HttpStatusCode expected)
    {
        using var client = seeded.App.CreateClient();

        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("Lucene", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("\"status\":400", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_search_answer_has_the_documented_shape()
    {
        using var client = seeded.App.CreateClient();

        using var document = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/search/products?q=%EB%A9%9C&pageSize=1"));
        using var suggestions = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/search/suggest?q=apf&size=1"));

        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("total").GetInt64());
        Assert.Equal((1, 1), (root.GetProperty("page").GetInt32(), root.GetProperty("pageSize").GetInt32()));
        var item = Assert.Single(root.GetProperty("items").EnumerateArray());
        Assert.Equal(
            ["productId", "sku", "nameKo", "nameEn", "brand", "category", "price", "stock", "imageUrl", "score", "highlight"],
            item.EnumerateObject().Select(property => property.Name));
        Assert.Equal("<em>메로</em>나", item.GetProperty("highlight").GetProperty("nameKo").GetString());
        Assert.StartsWith("/api/catalog/products/", item.GetProperty("imageUrl").GetString(), StringComparison.Ordinal);
        var facet = Assert.Single(root.GetProperty("facets").GetProperty("category").EnumerateArray());
        Assert.Equal(("bar", 2), (facet.GetProperty("value").GetString(), facet.GetProperty("count").GetInt64()));
        var suggestion = Assert.Single(suggestions.RootElement.GetProperty("suggestions").EnumerateArray());
        Assert.Equal(["text", "productId", "sku"], suggestion.EnumerateObject().Select(property => property.Name));
        Assert.Equal("메로나", suggestion.GetProperty("text").GetString());
    }
}
