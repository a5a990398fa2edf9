using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IceCheckout.Detection.Model;
using IceCheckout.Detection.Tests.Support;
using IceCheckout.Testing;
using SkiaSharp;
using StackExchange.Redis;

namespace IceCheckout.Detection.Tests;

/// <summary>The result cache against a real Redis, including Redis going away.</summary>
public sealed class DetectionCacheTests(RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private DetectionServiceFactory _factory = null!;
    private HttpClient _client = null!;
    private ConnectionMultiplexer _redis = null!;

    public async Task InitializeAsync()
    {
        _factory = new DetectionServiceFactory(TestModels.PathOf(TestModels.YoloV8), CacheSettings("120"));
        _client = _factory.CreateClient();
        _redis = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_result_is_stored_under_the_image_hash_and_served_from_there()
    {
        var image = TestImages.Solid(288, 128, new SKColor(10, 20, 30));
        var sha = Convert.ToHexStringLower(SHA256.HashData(image));

        var first = await DetectAsync(image);

        var key = Assert.Single(KeysFor(sha));
        var timeToLive = await _redis.GetDatabase().KeyTimeToLiveAsync(key);
        Assert.InRange(timeToLive!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120));

        // Mark the stored entry: the next answer for the same bytes must come from it, not from the model.
        var marked = first with { Model = "served-from-cache" };
        await _redis.GetDatabase().StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(marked, JsonSerializerOptions.Web), timeToLive.Value);

        var second = await DetectAsync(image);

        Assert.Equal("served-from-cache", second.Model);
        Assert.Equal(first.Detections, second.Detections);
    }

    [Fact]
    public async Task Different_images_are_cached_apart()
    {
        var black = TestImages.Solid(288, 128, SKColors.Black);
        var blue = TestImages.Solid(96, 64, SKColors.Blue);

        var blackResult = await DetectAsync(black);
        var blueResult = await DetectAsync(blue);

        Assert.Single(KeysFor(Convert.ToHexStringLower(SHA256.HashData(black))));
        Assert.Single(KeysFor(Convert.ToHexStringLower(SHA256.HashData(blue))));
        Assert.DoesNotContain(blackResult.Detections, d => d.Label == "blue's cup");
        Assert.Contains(blueResult.Detections, d => d.Label == "blue's cup");
    }

    [Fact]
    public async Task The_cache_key_holds_the_models_fingerprint_so_another_model_never_gets_its_results()
    {
        var image = TestImages.Solid(288, 128, new SKColor(40, 50, 60));
        var sha = Convert.ToHexStringLower(SHA256.HashData(image));
        await using var other = new DetectionServiceFactory(TestModels.PathOf(TestModels.YoloV5), CacheSettings("120"));
        using var otherClient = other.CreateClient();

        var first = await DetectAsync(image);
        var second = await DetectAsync(image, otherClient);

        Assert.Equal(("yolov8-tiny", "yolov5-tiny"), (first.Model, second.Model));
        var fingerprints = KeysFor(sha).Select(key => ((string)key!).Split(':')[1]).Order(StringComparer.Ordinal).ToList();
        var models = new[]
        {
            (await _client.GetFromJsonAsync<ModelInfoResponse>("/api/detection/info"))!.Sha256,
            (await otherClient.GetFromJsonAsync<ModelInfoResponse>("/api/detection/info"))!.Sha256,
        };
        Assert.Equal(2, fingerprints.Count);
        Assert.All(fingerprints, f => Assert.True(f.Length >= 12, f));
        Assert.All(models, sha256 => Assert.Single(fingerprints, f => sha256.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_cache_seconds_zero_results_are_neither_stored_nor_served_from_redis()
    {
        await using var uncached = new DetectionServiceFactory(TestModels.PathOf(TestModels.YoloV8), CacheSettings("0"));
        using var client = uncached.CreateClient();
        var image = TestImages.Solid(288, 128, new SKColor(70, 80, 90));
        var sha = Convert.ToHexStringLower(SHA256.HashData(image));

        var fresh = await DetectAsync(image, client);
        Assert.Empty(KeysFor(sha));

        // The same model with the cache on stores the entry the uncached service would read; mark it.
        var cached = await DetectAsync(image);
        var key = Assert.Single(KeysFor(sha));
        await _redis.GetDatabase().StringSetAsync(key, JsonSerializer.SerializeToUtf8Bytes(cached with { Model = "served-from-cache" }, JsonSerializerOptions.Web));

        var again = await DetectAsync(image, client);

        Assert.Equal(("yolov8-tiny", "yolov8-tiny"), (fresh.Model, again.Model));
        Assert.Equal(fresh.Detections, again.Detections);
    }

    [Fact]
    public async Task With_redis_down_requests_still_succeed_and_health_says_degraded()
    {
        await redis.StopAsync();
        try
        {
            var result = await DetectAsync(TestImages.Solid(288, 128, new SKColor(1, 2, 3)));
            using var healthRequest = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Health-Key", DetectionServiceFactory.HealthKey } } };
            var health = await _client.SendAsync(healthRequest);

            Assert.Equal(2, result.Detections.Count);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            var report = await health.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Degraded", report.GetProperty("status").GetString());
            Assert.Equal("Degraded", report.GetProperty("entries").GetProperty("cache").GetProperty("status").GetString());
        }
        finally
        {
            await redis.StartAsync();
        }
    }

    private Dictionary<string, string?> CacheSettings(string cacheSeconds) => new()
    {
        ["ConnectionStrings:cache"] = redis.ConnectionString,
        ["Detection:CacheSeconds"] = cacheSeconds,
        // The service's 250 ms suits a kiosk waiting on a scan, not a machine whose cores are all running models:
        // here a slow Redis answer must not pass for a miss.
        ["Detection:CacheTimeoutMilliseconds"] = "10000",
    };

    private List<RedisKey> KeysFor(string sha) =>
        _redis.GetServers().Single().Keys(pattern: $"detection:*:{sha}").ToList();

    private async Task<DetectionResponse> DetectAsync(byte[] png, HttpClient? client = null)
    {
        using var content = new ByteArrayContent(png);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var response = await (client ?? _client).PostAsync("/api/detection/detect", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DetectionResponse>())!;
    }
}
