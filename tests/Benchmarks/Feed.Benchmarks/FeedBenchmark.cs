using System.Diagnostics;
using System.Globalization;
using IceCheckout.Search.Feed;
using IceCheckout.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Feed.Benchmarks;

/// <summary>
/// The feed's read path against a real Redis (started as a process): a store-sized feed is written, then closed-loop
/// clients ask for a full feed (popular now, a cart's partners, a checklist's list) and, taking turns with them, a bare
/// PING, so the ratio feed / PING is measured in the same run.
/// </summary>
public static class FeedBenchmark
{
    private const double GoalP99Ms = 5;

    public static async Task<int> Main(string[] args)
    {
        var products = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var clients = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;

        var redisServer = new RedisServer();
        await redisServer.StartAsync();
        try
        {
            var options = Options.Create(new FeedOptions());
            using var redis = await ConnectionMultiplexer.ConnectAsync(redisServer.ConnectionString);
            var keys = new FeedKeys(options);
            var carts = await SeedAsync(redis.GetDatabase(), keys, products);
            var reader = new FeedReader(redis, keys, options, TimeProvider.System);
            var checklist = "K7PQ2MXA";

            Func<int, Task> feed = i => reader.ReadAsync(new FeedRequest { Cart = carts[i % carts.Count], Checklist = checklist });
            Func<int, Task> ping = _ => redis.GetDatabase().PingAsync();
            var sample = await reader.ReadAsync(new FeedRequest { Cart = carts[0], Checklist = checklist });
            Console.WriteLine($"{products} products; one feed: {sample.PopularNow.Count} popular, {sample.GoesWellWith.Count} goes well with, {sample.ForYourList.Count} for the list; {clients} clients, {seconds} s each");

            var (feedResult, pingResult) = await RunAsync(feed, ping, clients, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds));
            Console.WriteLine("| scenario | requests | req/s | p50 ms | p99 ms | goal p99 ms | p99 / goal |");
            Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
            Console.WriteLine(Row("feed", feedResult, GoalP99Ms));
            Console.WriteLine(Row("PING", pingResult, double.NaN));
            Console.WriteLine($"feed / PING: p50 {feedResult.P50Ms / pingResult.P50Ms:F2}x, p99 {feedResult.P99Ms / pingResult.P99Ms:F2}x");
            return 0;
        }
        finally
        {
            await redisServer.StopAsync();
        }
    }

    /// <summary>A day of a busy store: every product carded, 24 hourly buckets, bought-together sets, a full checklist list.</summary>
    private static async Task<List<Guid>> SeedAsync(IDatabase redis, FeedKeys keys, int products)
    {
        var random = new Random(17);
        var batch = redis.CreateBatch();
        var writes = new List<Task>();
        for (var id = 1; id <= products; id++)
        {
            var card = $$"""{"productId":{{id}},"sku":"GEN-{{id:D5}}","nameKo":"상품 {{id}}","nameEn":"Product {{id}}","imageUrl":"/api/catalog/products/{{id}}/image?v=0123456789ab","price":{{800 + id % 40 * 100}},"stock":{{(id % 17 == 0 ? 0 : 20)}}}""";
            writes.Add(batch.HashSetAsync(keys.Cards, id, card));
        }

        var now = DateTimeOffset.UtcNow;
        foreach (var bucket in keys.PopularWindow(now))
        {
            writes.Add(batch.SortedSetAddAsync(bucket, [.. Enumerable.Range(0, 500).Select(_ => new SortedSetEntry(random.Next(1, products + 1), random.Next(1, 20)))]));
        }

        for (var id = 1; id <= Math.Min(products, 2000); id++)
        {
            writes.Add(batch.SortedSetAddAsync(keys.Pairs(id), [.. Enumerable.Range(0, 40).Select(_ => new SortedSetEntry(random.Next(1, products + 1), random.Next(1, 50)))]));
        }

        var carts = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();
        foreach (var cart in carts)
        {
            writes.Add(batch.SetAddAsync(keys.Cart(cart), [.. Enumerable.Range(0, 4).Select(_ => (RedisValue)random.Next(1, Math.Min(products, 2000) + 1))]));
        }

        writes.Add(batch.ListLeftPushAsync(keys.ChecklistSuggestions("K7PQ2MXA"), [.. Enumerable.Range(0, 30).Select(_ => (RedisValue)$"{random.Next(1, products + 1)}:{random.Next(1, products + 1)}")]));
        writes.Add(batch.SetAddAsync(keys.ChecklistItems("K7PQ2MXA"), [.. Enumerable.Range(0, 10).Select(_ => (RedisValue)random.Next(1, products + 1))]));
        batch.Execute();
        await Task.WhenAll(writes);
        return carts;
    }

    private static async Task<(LatencyResult Feed, LatencyResult Ping)> RunAsync(Func<int, Task> feed, Func<int, Task> ping, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        await RunWorkersAsync(feed, ping, clients, warmUp);
        var stopwatch = Stopwatch.StartNew();
        var (feedLatencies, pingLatencies) = await RunWorkersAsync(feed, ping, clients, duration);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        return (Result(feedLatencies, elapsed), Result(pingLatencies, elapsed));
    }

    // Each worker alternates a feed and a PING, so both see the same load.
    private static async Task<(List<double> Feed, List<double> Ping)> RunWorkersAsync(Func<int, Task> feed, Func<int, Task> ping, int clients, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perWorker = await Task.WhenAll(Enumerable.Range(0, clients).Select(async worker =>
        {
            var (feeds, pings) = (new List<double>(), new List<double>());
            for (var i = worker; Stopwatch.GetTimestamp() < deadline; i += clients)
            {
                var started = Stopwatch.GetTimestamp();
                await feed(i);
                feeds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                started = Stopwatch.GetTimestamp();
                await ping(i);
                pings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return (feeds, pings);
        }));
        return ([.. perWorker.SelectMany(w => w.feeds)], [.. perWorker.SelectMany(w => w.pings)]);
    }

    private static LatencyResult Result(List<double> latencies, double seconds)
    {
        var sorted = latencies.Order().ToArray();
        return new LatencyResult(sorted.Length, sorted.Length / seconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)];

    private static string Row(string name, LatencyResult result, double goal) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {result.Requests} | {result.RequestsPerSecond:F0} | {result.P50Ms:F2} | {result.P99Ms:F2} | {(double.IsNaN(goal) ? "" : goal.ToString("F0", CultureInfo.InvariantCulture))} | {(double.IsNaN(goal) ? "" : (result.P99Ms / goal).ToString("F2", CultureInfo.InvariantCulture))} |");

    private sealed record LatencyResult(long Requests, double RequestsPerSecond, double P50Ms, double P99Ms);
}
