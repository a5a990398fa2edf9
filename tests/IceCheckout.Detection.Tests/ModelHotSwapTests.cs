using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using IceCheckout.Detection.Model;
using IceCheckout.Detection.Tests.Support;
using SkiaSharp;

namespace IceCheckout.Detection.Tests;

/// <summary>
/// A new model file put in service without a restart, while requests keep coming: from a staff request or when the file
/// changes. The two tiny models differ in their output layout, so /info tells which one serves.
/// </summary>
public sealed class ModelHotSwapTests : IDisposable
{
    private const string StaffKey = "staff-key-for-tests";
    private const int Callers = 4;

    private readonly string _directory = Directory.CreateTempSubdirectory("icecheckout-model-").FullName;
    private readonly string _modelPath;
    private readonly byte[] _image = TestImages.Solid(288, 128, new SKColor(200, 30, 30), SKEncodedImageFormat.Jpeg);

    public ModelHotSwapTests()
    {
        _modelPath = Path.Combine(_directory, "ice-detector.onnx");
        File.Copy(TestModels.PathOf(TestModels.YoloV8), _modelPath);
    }

    [Fact]
    public async Task A_changed_model_file_is_swapped_in_while_concurrent_requests_all_succeed()
    {
        await using var factory = Service(watch: true);
        using var client = factory.CreateClient();
        Assert.Equal(ShaOf(TestModels.YoloV8), (await InfoAsync(client)).Sha256);

        var statuses = await WhileRequestsRunAsync(client, async () =>
        {
            // Replaced the way a deployment should: written beside it, then renamed over it.
            var staging = _modelPath + ".new";
            File.Copy(TestModels.PathOf(TestModels.YoloV5), staging);
            File.Move(staging, _modelPath, overwrite: true);
            await WaitForShaAsync(client, ShaOf(TestModels.YoloV5));
        });

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        var info = await InfoAsync(client);
        Assert.Equal(("YoloV5", ShaOf(TestModels.YoloV5)), (info.OutputLayout, info.Sha256));
        Assert.Equal(ShaOf(TestModels.YoloV5)[..12], info.Version);
    }

    [Fact]
    public async Task A_staff_reload_swaps_the_model_under_concurrent_requests_and_a_second_one_finds_it_unchanged()
    {
        await using var factory = Service(watch: false);
        using var client = factory.CreateClient();
        File.Copy(TestModels.PathOf(TestModels.YoloV5), _modelPath, overwrite: true);
        Assert.Equal(ShaOf(TestModels.YoloV8), (await InfoAsync(client)).Sha256);

        ModelReloadResponse? reload = null;
        var statuses = await WhileRequestsRunAsync(client, async () =>
        {
            using var response = await ReloadAsync(client, StaffKey);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            reload = await response.Content.ReadFromJsonAsync<ModelReloadResponse>();
        });

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.NotNull(reload);
        Assert.Equal(("swapped", ShaOf(TestModels.YoloV5), ShaOf(TestModels.YoloV8)), (reload.Result, reload.Model.Sha256, reload.PreviousSha256));
        Assert.Equal(ShaOf(TestModels.YoloV5), (await InfoAsync(client)).Sha256);

        using var again = await ReloadAsync(client, StaffKey);
        var unchanged = await again.Content.ReadFromJsonAsync<ModelReloadResponse>();
        Assert.Equal(("unchanged", ShaOf(TestModels.YoloV5), null), (unchanged!.Result, unchanged.Model.Sha256, unchanged.PreviousSha256));
    }

    [Fact]
    public async Task Reloading_takes_a_staff_key()
    {
        await using var factory = Service(watch: false);
        using var client = factory.CreateClient();
        File.Copy(TestModels.PathOf(TestModels.YoloV5), _modelPath, overwrite: true);

        using var anonymous = await ReloadAsync(client, key: null);
        using var wrongKey = await ReloadAsync(client, "not-a-key");

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (anonymous.StatusCode, wrongKey.StatusCode));
        Assert.Equal(ShaOf(TestModels.YoloV8), (await InfoAsync(client)).Sha256);
    }

    [Fact]
    public async Task A_model_file_that_does_not_load_is_refused_the_old_model_keeps_serving_and_health_says_degraded()
    {
        await using var factory = Service(watch: false);
        using var client = factory.CreateClient();
        await File.WriteAllBytesAsync(_modelPath, [.. File.ReadAllBytes(TestModels.PathOf(TestModels.YoloV5)).Take(300)]);

        using var reload = await ReloadAsync(client, StaffKey);
        var problem = await reload.Content.ReadFromJsonAsync<JsonElement>();
        var health = await HealthAsync(client);
        using var detect = await DetectAsync(client);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reload.StatusCode);
        Assert.Equal("application/problem+json", reload.Content.Headers.ContentType?.MediaType);
        Assert.Contains("still serving", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(ShaOf(TestModels.YoloV8), (await InfoAsync(client)).Sha256);
        Assert.Equal(HttpStatusCode.OK, detect.StatusCode);
        Assert.Equal("Degraded", health.GetProperty("entries").GetProperty("detector").GetProperty("status").GetString());

        // Fixed file, reload again: healthy, and the new model serves.
        File.Copy(TestModels.PathOf(TestModels.YoloV5), _modelPath, overwrite: true);
        using var fixedReload = await ReloadAsync(client, StaffKey);
        var healthAfter = await HealthAsync(client);
        Assert.Equal(HttpStatusCode.OK, fixedReload.StatusCode);
        Assert.Equal("Healthy", healthAfter.GetProperty("entries").GetProperty("detector").GetProperty("status").GetString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<JsonElement> HealthAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { { "X-Health-Key", DetectionServiceFactory.HealthKey } } };
        using var response = await client.SendAsync(request);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private DetectionServiceFactory Service(bool watch) => new(_modelPath, new Dictionary<string, string?>
    {
        ["Detection:WatchModelFile"] = watch ? "true" : "false",
        ["Detection:ModelFileSettleMilliseconds"] = "100",
        ["Detection:Staff:ApiKeys:0"] = StaffKey,
        ["Detection:CacheSeconds"] = "0",
    });

    /// <summary>Keeps <see cref="Callers"/> callers detecting until <paramref name="swap"/> is done and each has sent a few more.</summary>
    private async Task<HttpStatusCode[]> WhileRequestsRunAsync(HttpClient client, Func<Task> swap)
    {
        var statuses = new ConcurrentQueue<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        var started = new CountdownEvent(Callers * 3);
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            var afterStop = 0;
            while (afterStop < 3)
            {
                using var response = await DetectAsync(client);
                statuses.Enqueue(response.StatusCode);
                if (!started.IsSet)
                {
                    started.Signal();
                }

                afterStop += stop.IsCancellationRequested ? 1 : 0;
            }
        })).ToArray();

        started.Wait(TimeSpan.FromMinutes(1));
        await swap();
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        started.Dispose();
        return [.. statuses];
    }

    private async Task<HttpResponseMessage> DetectAsync(HttpClient client)
    {
        using var content = new ByteArrayContent(_image);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return await client.PostAsync("/api/detection/detect", content);
    }

    private static async Task<HttpResponseMessage> ReloadAsync(HttpClient client, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/detection/model/reload");
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await client.SendAsync(request);
    }

    private static async Task<ModelInfoResponse> InfoAsync(HttpClient client) =>
        await client.GetFromJsonAsync<ModelInfoResponse>("/api/detection/info") ?? throw new InvalidOperationException("No /info body.");

    /// <summary>The watcher reacts within a fraction of a second; a minute only bounds a failure.</summary>
    private static async Task WaitForShaAsync(HttpClient client, string sha)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while ((await InfoAsync(client)).Sha256 != sha)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static string ShaOf(string model) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestModels.PathOf(model))));
}
