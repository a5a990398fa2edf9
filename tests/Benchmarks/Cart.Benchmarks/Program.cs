using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IceCheckout.Cart.Benchmarks;
using IceCheckout.Testing;

// Scan-to-priced-cart through the gateway (gateway, Cart, RPC to Detection, Catalog prices) against bare
// POST /api/detection/detect on the same images, with 1, 4 and 8 concurrent kiosks, in one run, Detection's result cache
// off so that both paths run the model. Usage: dotnet run -c Release --project tests/Benchmarks/Cart.Benchmarks -- [requests=48] [rounds=2]
var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 48;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
const string Configuration = "Release";
const string ServiceKey = "bench-service-key";

var trays = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "models", "testset", "images"), "*.jpg").Order(StringComparer.Ordinal).Take(16)
    .Select(File.ReadAllBytes).ToArray();

var mariaDb = new MariaDbServer();
var redis = new RedisServer();
var rabbitMq = new RabbitMqServer();
await Task.WhenAll(mariaDb.InitializeAsync(), redis.InitializeAsync(), rabbitMq.InitializeAsync());
var processes = new List<ServiceProcess>();
try
{
    var messaging = await rabbitMq.CreateVirtualHostAsync();
    var catalog = await ServiceProcess.StartAsync("Catalog", Configuration, new Dictionary<string, string>
    {
        ["ConnectionStrings:catalogdb"] = await mariaDb.CreateDatabaseAsync(),
        ["ConnectionStrings:cache"] = redis.ConnectionString,
        ["ConnectionStrings:messaging"] = messaging,
        ["Catalog:Services:ApiKeys:0"] = ServiceKey,
    });
    processes.Add(catalog);
    var detection = await ServiceProcess.StartAsync("Detection", Configuration, new Dictionary<string, string>
    {
        ["ConnectionStrings:messaging"] = messaging,
        ["Detection:CacheSeconds"] = "0",
        ["Detection:ExecutionProvider"] = "cpu",
    });
    processes.Add(detection);
    var cart = await ServiceProcess.StartAsync("Cart", Configuration, new Dictionary<string, string>
    {
        ["ConnectionStrings:ordersdb"] = await mariaDb.CreateDatabaseAsync(),
        ["ConnectionStrings:cache"] = redis.ConnectionString,
        ["ConnectionStrings:messaging"] = messaging,
        ["services:catalog:http:0"] = catalog.BaseAddress.ToString(),
        ["Cart:Catalog:ServiceKey"] = ServiceKey,
        ["Cart:Scan:DetectionTimeout"] = "00:01:00",
    });
    processes.Add(cart);
    var gateway = await ServiceProcess.StartAsync("Gateway", Configuration, new Dictionary<string, string>
    {
        ["services:catalog:http:0"] = catalog.BaseAddress.ToString(),
        ["services:cart:http:0"] = cart.BaseAddress.ToString(),
        ["services:detection:http:0"] = detection.BaseAddress.ToString(),
        ["services:search:http:0"] = catalog.BaseAddress.ToString(),
        // Every kiosk of the benchmark calls from the same address: the per-client scan limit would count them as one.
        ["Gateway:RateLimits:Scan:PermitLimit"] = "1000000",
    }, readyPath: "/alive");
    processes.Add(gateway);

    using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    var carts = new List<Guid>();
    for (var i = 0; i < 8; i++)
    {
        var created = await http.PostAsync(new Uri(gateway.BaseAddress, "/api/carts"), null);
        carts.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    string? firstFailure = null;
    async Task<bool> Succeeded(string path, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.CompareExchange(ref firstFailure, $"{path}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}", null);
        }

        return response.IsSuccessStatusCode;
    }

    async Task<bool> Bare(int kiosk, int request)
    {
        using var content = new ByteArrayContent(trays[request % trays.Length]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var response = await http.PostAsync(new Uri(detection.BaseAddress, "/api/detection/detect"), content);
        return await Succeeded("bare detect", response);
    }

    async Task<bool> Scan(int kiosk, int request)
    {
        using var form = new MultipartFormDataContent();
        var frame = new ByteArrayContent(trays[request % trays.Length]);
        frame.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(frame, "frames", "frame.jpg");
        using var response = await http.PostAsync(new Uri(gateway.BaseAddress, $"/api/carts/{carts[kiosk]}/scan"), form);
        return await Succeeded("scan via gateway", response);
    }

    // Warm-up: the model, the RPC queue, the connection pools and Catalog's caches.
    await Measurement.RunAsync("warm-up", 4, 16, Bare);
    await Measurement.RunAsync("warm-up", 4, 16, Scan);

    var results = new List<Measurement>();
    for (var round = 0; round < rounds; round++)
    {
        foreach (var kiosks in new[] { 1, 4, 8 })
        {
            // Taking turns within a round, so that a slower moment of a shared machine falls on both paths alike.
            results.Add(await Measurement.RunAsync("bare detect", kiosks, requests, Bare));
            results.Add(await Measurement.RunAsync("scan via gateway", kiosks, requests, Scan));
        }
    }

    Console.WriteLine();
    Console.WriteLine($"Scan to priced cart vs bare detection, {requests} requests per scenario and round, {rounds} rounds, {Environment.ProcessorCount} cores, CPU inference");
    Console.WriteLine($"{"path",-18} {"kiosks",6} {"req/s",8} {"p50 ms",9} {"p99 ms",9} {"failed",7}");
    foreach (var group in results.GroupBy(r => (r.Path, r.Kiosks)))
    {
        var merged = Merge(group.ToList());
        Console.WriteLine($"{group.Key.Path,-18} {group.Key.Kiosks,6} {merged.PerSecond,8:F2} {merged.P50Ms,9:F1} {merged.P99Ms,9:F1} {merged.Failures,7}");
    }

    if (firstFailure is not null)
    {
        Console.WriteLine($"First failed request: {firstFailure}");
    }

    Console.WriteLine();
    foreach (var kiosks in new[] { 1, 4, 8 })
    {
        var bare = Merge(results.Where(r => r.Path == "bare detect" && r.Kiosks == kiosks).ToList());
        var scan = Merge(results.Where(r => r.Path == "scan via gateway" && r.Kiosks == kiosks).ToList());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kiosks} kiosk(s): scan/bare p50 {scan.P50Ms / bare.P50Ms:F2}x, p99 {scan.P99Ms / bare.P99Ms:F2}x, throughput {scan.PerSecond / bare.PerSecond:F2}x"));
    }
}
finally
{
    foreach (var process in processes)
    {
        await process.DisposeAsync();
    }

    await Task.WhenAll(mariaDb.DisposeAsync(), redis.DisposeAsync(), rabbitMq.DisposeAsync());
}

// Rounds of one scenario as one: requests and time added up, percentiles of the rounds' medians and tails averaged.
static Measurement Merge(IReadOnlyList<Measurement> rounds) => new(
    rounds[0].Path,
    rounds[0].Kiosks,
    rounds.Sum(r => r.Requests),
    rounds.Sum(r => r.Failures),
    TimeSpan.FromTicks(rounds.Sum(r => r.Duration.Ticks)),
    rounds.Average(r => r.P50Ms),
    rounds.Average(r => r.P99Ms));
