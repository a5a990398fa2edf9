using System.Globalization;
using IceCheckout.Catalog.Benchmarks;
using IceCheckout.Testing;

// Catalogue read throughput with and without the Redis cache, measured in one run on the same database,
// each against the real service process over HTTP. Usage: dotnet run -c Release [-- seconds concurrency]
var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
var configuration = args.Length > 2 ? args[2] : "Release";

var mariaDb = new MariaDbServer();
var redis = new RedisServer();
var rabbitMq = new RabbitMqServer();
await Task.WhenAll(mariaDb.InitializeAsync(), redis.InitializeAsync(), rabbitMq.InitializeAsync());
try
{
    var database = await mariaDb.CreateDatabaseAsync();
    var settings = new Dictionary<string, string>
    {
        ["ConnectionStrings:catalogdb"] = database,
        ["ConnectionStrings:cache"] = redis.ConnectionString,
        ["ConnectionStrings:messaging"] = await rabbitMq.CreateVirtualHostAsync(),
    };

    var results = new List<LoadResult>();
    foreach (var cached in new[] { false, true })
    {
        await using var service = await CatalogProcess.StartAsync(configuration, new Dictionary<string, string>(settings)
        {
            ["Catalog:Cache:Enabled"] = cached ? "true" : "false",
        });
        using var client = new HttpClient { BaseAddress = service.BaseAddress };
        var mode = cached ? "Redis cache" : "no cache";
        string[] categories = ["", "bar", "cone", "tube", "cup"];
        results.Add(await LoadRun.RunAsync($"product list ({mode})", client,
            i => $"/api/catalog/products?pageSize=20&category={categories[i % categories.Length]}", concurrency, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds)));
        results.Add(await LoadRun.RunAsync($"product by id ({mode})", client,
            i => $"/api/catalog/products/{1 + (i % 25)}", concurrency, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds)));
    }

    Console.WriteLine();
    Console.WriteLine($"Catalog read throughput, {concurrency} concurrent clients, {seconds} s per scenario, {Environment.ProcessorCount} cores");
    Console.WriteLine($"{"scenario",-30} {"req/s",10} {"p50 ms",8} {"p99 ms",8} {"failed",7}");
    foreach (var result in results)
    {
        Console.WriteLine($"{result.Name,-30} {result.RequestsPerSecond,10:F0} {result.P50Ms,8:F2} {result.P99Ms,8:F2} {result.Failures,7}");
    }

    Console.WriteLine();
    foreach (var scenario in new[] { "product list", "product by id" })
    {
        var withoutCache = results.Single(r => r.Name == $"{scenario} (no cache)");
        var withCache = results.Single(r => r.Name == $"{scenario} (Redis cache)");
        Console.WriteLine($"{scenario}: Redis cache / no cache = {withCache.RequestsPerSecond / withoutCache.RequestsPerSecond:F2}x");
    }
}
finally
{
    await Task.WhenAll(mariaDb.DisposeAsync(), redis.DisposeAsync(), rabbitMq.DisposeAsync());
}
