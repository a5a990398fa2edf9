using System.Net.Http.Json;
using System.Text.Json;
using IceCheckout.Messaging;
using IceCheckout.Search.Feed;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace IceCheckout.Search.Tests.Feed;

/// <summary>The Search service in-process with its feed on: its own index folder, virtual host and Redis key prefix.</summary>
public sealed class FeedApp(string messaging, string cache, Uri catalog, Uri? cart = null, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string StaffKey = "feed-staff-key";
    public const string CartServiceKey = "feed-cart-service-key";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    public string IndexFolder { get; } = Path.Combine(Path.GetTempPath(), $"icecheckout-feed-{Guid.NewGuid():N}");

    public string KeyPrefix { get; } = $"feed-{Guid.NewGuid():N}:";

    public IDatabase Redis => Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();

    public FeedKeys Keys => Services.GetRequiredService<FeedKeys>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:messaging", messaging);
        builder.UseSetting("ConnectionStrings:cache", cache);
        builder.UseSetting("services:catalog:http:0", catalog.ToString());
        builder.UseSetting("services:cart:http:0", (cart ?? new Uri("http://127.0.0.1:9")).ToString());
        builder.UseSetting("Search:Embedded:IndexPath", IndexFolder);
        builder.UseSetting("Search:RebuildMaxBackoff", "00:00:01");
        builder.UseSetting("Search:Staff:ApiKeys:0", StaffKey);
        builder.UseSetting("Search:Feed:KeyPrefix", KeyPrefix);
        builder.UseSetting("Search:Feed:CartServiceKey", CartServiceKey);
        builder.UseSetting("Messaging:RetryDelay", "00:00:00.200");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Publishes through the service's own publisher (confirms, mandatory), retrying while its queues are not declared yet.</summary>
    public async Task PublishAsync<TEvent>(TEvent integrationEvent) where TEvent : IntegrationEvent
    {
        var publisher = Services.GetRequiredService<IEventPublisher>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await publisher.PublishAsync(integrationEvent);
                return;
            }
            catch (MessagingUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    public async Task<FeedResponse> FeedAsync(string query = "")
    {
        using var client = CreateClient();
        var response = await client.GetAsync($"/api/search/feed{query}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<FeedResponse>(s_json))!;
    }

    /// <summary>Asks for the feed until the condition holds, within a generous bound; returns the last answer.</summary>
    public async Task<FeedResponse> WaitForFeedAsync(string query, Func<FeedResponse, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = await FeedAsync(query);
        while (!until(last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            last = await FeedAsync(query);
        }

        return last;
    }

    /// <summary>Polls Redis until the condition holds, within a generous bound.</summary>
    public async Task<T> WaitForRedisAsync<T>(Func<IDatabase, Task<T>> read, Func<T, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var last = await read(Redis);
        while (!until(last) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            last = await read(Redis);
        }

        return last;
    }

    public async Task<Dictionary<int, int>> PairsAsync(int productId) =>
        (await Redis.SortedSetRangeByRankWithScoresAsync(Keys.Pairs(productId))).ToDictionary(e => (int)e.Element, e => (int)e.Score);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(IndexFolder))
        {
            Directory.Delete(IndexFolder, recursive: true);
        }
    }
}
