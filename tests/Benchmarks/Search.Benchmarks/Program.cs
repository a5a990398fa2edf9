using System.Globalization;
using IceCheckout.Search.Benchmarks;
using IceCheckout.Testing;

// Search and suggest latency through HTTP over a catalogue of generated products, in one run.
// Arguments: [products=10000] [seconds=10] [clients=1,2,4] (each client count in turn, over the same index)
var products = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var clientCounts = (args.Length > 2 ? args[2] : "1,2,4").Split(',').Select(count => int.Parse(count, CultureInfo.InvariantCulture)).ToList();
const double SearchGoalMs = 10;
const double SuggestGoalMs = 5;

await using var rabbitMq = new RabbitMqServer();
await rabbitMq.InitializeAsync();
await using var catalog = new GeneratedCatalog(products);
await catalog.StartAsync();
var indexFolder = Path.Combine(Path.GetTempPath(), $"icecheckout-search-benchmark-{Guid.NewGuid():N}");
try
{
    var indexing = System.Diagnostics.Stopwatch.StartNew();
    await using var search = await SearchProcess.StartAsync("Release", new Dictionary<string, string>
    {
        ["ConnectionStrings:messaging"] = await rabbitMq.CreateVirtualHostAsync(),
        ["services:catalog:http:0"] = catalog.Address.ToString(),
        ["Search:Embedded:IndexPath"] = indexFolder,
    });
    Console.WriteLine($"{products} products indexed from the generated catalogue in {indexing.Elapsed.TotalSeconds:F1} s (start-up included)");

    string[] searchQueries =
    [
        "메로나", "멜", "ㅁㄹㄴ", "apfhsk", "붕어 싸만코", "ㅂㅇㅆㅁㅋ", "투개더", "melona", "binggrae", "콘", "bar", "딸기 미니", "초코", "vanilla", "월드콘 녹차",
        "qnddjtkakszh", "ㅡ디ㅐㅜㅁ", "팥빙슈", "더위 사냥", "",
    ];
    string[] suggestQueries = ["ㅁ", "메", "멜", "메로", "ㅂ", "붕", "붕어", "a", "ap", "apf", "m", "me", "mel", "ㅌㄱ", "투", "투게", "월", "월드", "초", "초코"];
    using var http = new HttpClient { BaseAddress = search.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    var searchPaths = searchQueries.Select(q => $"/api/search/products?q={Uri.EscapeDataString(q)}&pageSize=20").ToList();
    var suggestPaths = suggestQueries.Select(q => $"/api/search/suggest?q={Uri.EscapeDataString(q)}&size=8").ToList();

    var warmUp = TimeSpan.FromSeconds(3);
    var results = new List<(int Clients, LatencyResult Result)>();
    foreach (var clients in clientCounts)
    {
        results.Add((clients, await LatencyRun.RunAsync("search", http, searchPaths, search, clients, warmUp, TimeSpan.FromSeconds(seconds))));
        results.Add((clients, await LatencyRun.RunAsync("suggest", http, suggestPaths, search, clients, warmUp, TimeSpan.FromSeconds(seconds))));
    }

    Console.WriteLine($"closed-loop clients, {seconds} s per scenario, {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end");
    Console.WriteLine("| scenario | clients | requests | failures | req/s | service CPU ms/req | p50 ms | p99 ms | goal p99 ms | p99 / goal |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var (clients, result) in results)
    {
        var goal = result.Name == "search" ? SearchGoalMs : SuggestGoalMs;
        Console.WriteLine($"| {result.Name} | {clients} | {result.Requests} | {result.Failures} | {result.RequestsPerSecond:F0} | {result.ServiceCpuMsPerRequest:F2} | {result.P50Ms:F2} | {result.P99Ms:F2} | {goal} | {result.P99Ms / goal:F2} |");
    }
}
finally
{
    if (Directory.Exists(indexFolder))
    {
        Directory.Delete(indexFolder, recursive: true);
    }
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
