using System.Net.Http.Json;
using System.Text.Json;
using IceCheckout.Search.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IceCheckout.Search.Tests.Support;

/// <summary>The Search service in-process on its own temporary index folder and RabbitMQ virtual host, reading Catalog at <paramref name="catalog"/>.</summary>
public sealed class SearchApp(string messaging, Uri catalog) : WebApplicationFactory<Program>
{
    public const string StaffKey = "search-staff-key";
    public const string HealthKey = "search-health-key";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public string IndexFolder { get; } = Path.Combine(Path.GetTempPath(), $"icecheckout-search-{Guid.NewGuid():N}");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("services:catalog:http:0", catalog.ToString());
        builder.UseSetting("Search:Embedded:IndexPath", IndexFolder);
        builder.UseSetting("Search:RebuildMaxBackoff", "00:00:01");
        builder.UseSetting("Search:Staff:ApiKeys:0", StaffKey);
        builder.UseSetting("Health:DetailsKey", HealthKey);
    }

    public async Task<ProductSearchResponse> SearchAsync(string query)
    {
        using var client = CreateClient();
        var response = await client.GetAsync($"/api/search/products?q={Uri.EscapeDataString(query)}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ProductSearchResponse>(s_json))!;
    }

    /// <summary>Asks until a product with this SKU is among the results for the query, within a generous bound; returns the last answer.</summary>
    public async Task<ProductSearchResponse> WaitForAsync(string query, Func<ProductSearchResponse, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = await SearchAsync(query);
        while (!until(last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            last = await SearchAsync(query);
        }

        return last;
    }

    /// <summary>Asks <c>/health</c> until the check reports the status, within a generous bound; returns the last report.</summary>
    public async Task<JsonElement> WaitForHealthAsync(string check, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = await HealthAsync();
        while (last.GetProperty("entries").GetProperty(check).GetProperty("status").GetString() != status && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            last = await HealthAsync();
        }

        return last;
    }

    public async Task<JsonElement> HealthAsync()
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Health-Key", HealthKey } } };
        using var response = await client.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(IndexFolder))
        {
            Directory.Delete(IndexFolder, recursive: true);
        }
    }
}
