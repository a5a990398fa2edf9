using System.Net;
using System.Text.Json;

namespace IceCheckout.Catalog.Tests;

/// <summary>Health details name internal hosts and database errors: the public gets the status, operators the details.</summary>
[Collection(CatalogCollection.Name)]
public sealed class HealthDetailsTests(CatalogServers servers) : IAsyncLifetime
{
    private CatalogApp _app = null!;

    public async Task InitializeAsync() => _app = await servers.SharedAppAsync(nameof(HealthDetailsTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(null)]
    [InlineData("not-the-key")]
    [InlineData("")]
    public async Task Without_the_operators_key_health_answers_its_status_only(string? key)
    {
        var report = await HealthAsync(key);

        Assert.Equal(["status"], report.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
    }

    [Fact]
    public async Task With_the_operators_key_health_names_each_check()
    {
        var report = await HealthAsync(CatalogApp.HealthKey);

        var entries = report.GetProperty("entries");
        Assert.Equal("Healthy", entries.GetProperty("catalogdb").GetProperty("status").GetString());
        Assert.Equal("Healthy", entries.GetProperty("messaging").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_database_error_is_not_shown_to_the_public()
    {
        await using var app = new CatalogApp(
            "Server=127.0.0.1;Port=1;User ID=nobody;Password=none;Database=catalogdb;Connection Timeout=2",
            servers.Redis.ConnectionString,
            await servers.RabbitMq.CreateVirtualHostAsync());

        var response = await app.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("""{"status":"Unhealthy"}""", body);
    }

    private async Task<JsonElement> HealthAsync(string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        if (key is not null)
        {
            request.Headers.Add("X-Health-Key", key);
        }

        var response = await _app.CreateClient().SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
