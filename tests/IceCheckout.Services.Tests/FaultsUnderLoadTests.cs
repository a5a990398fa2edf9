using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IceCheckout.Services.Tests.Hostile;
using IceCheckout.Services.Tests.Infrastructure;
using Xunit.Abstractions;

namespace IceCheckout.Services.Tests;

/// <summary>
/// Kiosks keep checking out and scanning through the gateway while a Detection worker is killed and RabbitMQ, MariaDB
/// and Redis are each restarted. Every checkout ends paid exactly once or cleanly refused, every paid order's event
/// reaches Catalog once, and the stock taken is exactly the units paid for.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class FaultsUnderLoadTests(StackFixture stack, ITestOutputHelper output)
{
    private const int Kiosks = 3;
    private static readonly TimeSpan s_settleBound = TimeSpan.FromSeconds(120);

    private readonly ConcurrentBag<Purchase> _purchases = [];
    private int _scans;
    private int _scansRefused;

    [Fact]
    public async Task Checkouts_and_scans_survive_a_killed_worker_and_restarted_servers()
    {
        foreach (var service in stack.Services.Values)
        {
            await HealthProbe.WaitForAsync(stack.Http, service, report => report.Status != "Unhealthy");
        }

        using var serviceCalls = new HttpClient { BaseAddress = stack.Catalog.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        serviceCalls.DefaultRequestHeaders.Add("X-Api-Key", StackFixture.StaffKey);
        var products = await InStockProductsAsync(serviceCalls);
        var stockBefore = await StockAsync(serviceCalls, products.Select(p => p.Id));

        using var stop = new CancellationTokenSource();
        var kiosks = Enumerable.Range(0, Kiosks).Select(k => Task.Run(() => CheckoutLoopAsync(products, k, stop.Token))).ToList();
        var scanner = Task.Run(() => ScanLoopAsync(stop.Token));

        var faults = new List<string>();
        await FaultAsync(faults, "detection worker killed", () => stack.Detection.StopAsync(), () => { stack.Detection.Start(); return Task.CompletedTask; }, stack.Detection);
        await FaultAsync(faults, "rabbitmq restarted", () => stack.RabbitMq.StopAsync(), () => stack.RabbitMq.StartAsync(), stack.Cart, stack.Catalog);
        await FaultAsync(faults, "mariadb restarted", () => stack.MariaDb.StopAsync(), () => stack.MariaDb.StartAsync(), stack.Cart, stack.Catalog);
        await FaultAsync(faults, "redis restarted", () => stack.Redis.StopAsync(), () => stack.Redis.StartAsync(), stack.Cart, stack.Catalog);
        await WhileLoadRunsAsync(TimeSpan.FromSeconds(5));

        await stop.CancelAsync();
        await Task.WhenAll(kiosks.Append(scanner));

        var purchases = _purchases.ToList();
        var paid = purchases.Where(p => p.Outcome == Outcome.Paid).ToList();
        var paidOrders = paid.Select(p => p.OrderId!.Value).ToHashSet();
        var paidUnits = paid.Sum(p => p.Quantity);

        // Every paid order's event reaches Catalog, which then holds its reservation as committed.
        var committed = await SettleAsync(serviceCalls, paidOrders);
        var stockAfter = await StockAsync(serviceCalls, products.Select(p => p.Id));
        var held = await HeldForUnpaidOrdersAsync(serviceCalls, purchases.Where(p => p.CartId is not null).Select(p => p.CartId!.Value).ToHashSet());
        var stockTaken = stockBefore.Sum(s => s.Value - stockAfter[s.Key]);
        var charges = await RowsAsync(stack.OrdersDatabase, "SELECT OrderId, Status FROM SandboxCharges");
        var approved = charges.Where(c => c[1] == "Approved").Select(c => Guid.Parse(c[0])).ToList();
        var ourOrders = purchases.Where(p => p.OrderId is not null).Select(p => p.OrderId!.Value).ToHashSet();
        var paidSent = await PaidEventsSentAsync(ourOrders, paidOrders.Count);
        var paidConsumed = (await RowsAsync(stack.CatalogDatabase, "SELECT EventId FROM ProcessedEvents WHERE RoutingKey = 'orders.order.paid'"))
            .Select(row => Guid.Parse(row[0])).Where(ourOrders.Contains).ToList();
        var failed = purchases.Count(p => p.Outcome == Outcome.Refused);

        output.WriteLine(
            $"faults under load: {purchases.Count} checkouts tried, {paid.Count} paid, {failed} cleanly refused, {purchases.Count(p => p.Outcome == Outcome.Pending)} pending; "
            + $"{_scans} scans, {_scansRefused} answered 503; faults survived: {string.Join(", ", faults)}; "
            + $"orders.order.paid sent {paidSent.Count}, consumed by Catalog {paidConsumed.Count}, reservations committed {committed}; "
            + $"stock taken {stockTaken}, units paid {paidUnits}, units held for {held.Orders} unpaid orders {held.Units}; approved charges {approved.Count(ourOrders.Contains)}");

        Assert.NotEmpty(paid);
        Assert.DoesNotContain(purchases, p => p.Outcome == Outcome.Pending);
        Assert.All(purchases, p => Assert.True(p.Outcome != Outcome.Broken,
            $"checkout of cart {p.CartId}: {p.Detail}{Environment.NewLine}What the services logged of their 500s:{Environment.NewLine}"
            + string.Join(Environment.NewLine, stack.Services.Values.Select(s => $"{s.Name}: {s.UnhandledExceptions}"))));
        Assert.Equal(paidOrders.Order(), approved.Where(ourOrders.Contains).Order());
        Assert.Equal(approved.Count, approved.Distinct().Count());
        Assert.Equal(paidOrders.Order(), paidSent.Order());
        Assert.Equal(paidOrders.Order(), paidConsumed.Order());
        Assert.Equal(paidOrders.Count, committed);
        // An order refused after its reservation (its database gone mid-checkout) holds its units until it is abandoned.
        Assert.Equal(paidUnits + held.Units, stockTaken);
        Assert.All(stockAfter, s => Assert.True(s.Value >= 0, $"product {s.Key} has stock {s.Value}"));
    }

    /// <summary>One fault while the kiosks keep going: break, let the load meet it, mend, wait until the services are healthy.</summary>
    private async Task FaultAsync(List<string> faults, string name, Func<Task> breakIt, Func<Task> mend, params ServiceProcess[] recovering)
    {
        await breakIt();
        try
        {
            await WhileLoadRunsAsync(TimeSpan.FromSeconds(4));
        }
        finally
        {
            await mend();
        }

        // Back is not Unhealthy: dead letters other suites left (a handler that failed on purpose) may keep messaging Degraded.
        foreach (var service in recovering)
        {
            await HealthProbe.WaitForAsync(stack.Http, service, report => report.Status != "Unhealthy");
        }

        faults.Add(name);
        await WhileLoadRunsAsync(TimeSpan.FromSeconds(3));
    }

    private static Task WhileLoadRunsAsync(TimeSpan time) => Task.Delay(time);

    private async Task CheckoutLoopAsync(IReadOnlyList<(int Id, string Sku)> products, int kiosk, CancellationToken stop)
    {
        using var client = HostileWorld.NewBrowser(stack);
        var turn = kiosk;
        while (!stop.IsCancellationRequested)
        {
            var (_, sku) = products[turn++ % products.Count];
            var quantity = 1 + (turn % 2);
            _purchases.Add(await PurchaseAsync(client, sku, quantity));
        }
    }

    /// <summary>
    /// What a kiosk does: a cart, a line, a checkout with one key, retried with the same key while the answer says to
    /// try again (202, 409 with Retry-After, 503). A refusal before the checkout (no cart while Redis is down) is a
    /// refused purchase too.
    /// </summary>
    private static async Task<Purchase> PurchaseAsync(HttpClient client, string sku, int quantity)
    {
        try
        {
            using var created = await client.PostAsync("/api/carts", null);
            if (!created.IsSuccessStatusCode)
            {
                return Refusal(null, created, await created.Content.ReadAsStringAsync());
            }

            var cartId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<string>());
            using var line = await client.PostAsJsonAsync($"/api/carts/{cartId}/lines", new { sku, quantity });
            if (!line.IsSuccessStatusCode)
            {
                return Refusal(cartId, line, await line.Content.ReadAsStringAsync());
            }

            var key = Guid.NewGuid().ToString();
            for (var attempt = 1; ; attempt++)
            {
                using var checkout = new HttpRequestMessage(HttpMethod.Post, $"/api/carts/{cartId}/checkout")
                {
                    Content = JsonContent.Create(new { paymentToken = "tok_visa" }),
                };
                checkout.Headers.Add("Idempotency-Key", key);
                using var answer = await client.SendAsync(checkout);
                var body = await answer.Content.ReadAsStringAsync();
                var status = (int)answer.StatusCode;
                var again = answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict
                    && (answer.StatusCode != HttpStatusCode.Conflict || answer.Headers.RetryAfter is not null);
                if (again && attempt < 40)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1));
                    continue;
                }

                var orderId = OrderIdOf(body);
                return status switch
                {
                    201 => new Purchase(cartId, orderId, quantity, Outcome.Paid, body),
                    202 => new Purchase(cartId, orderId, quantity, Outcome.Pending, body),
                    _ => Refusal(cartId, answer, body, orderId),
                };
            }
        }
        catch (HttpRequestException exception)
        {
            return new Purchase(null, null, quantity, Outcome.Broken, exception.Message);
        }
        catch (TaskCanceledException exception)
        {
            return new Purchase(null, null, quantity, Outcome.Broken, "no answer: " + exception.Message);
        }
    }

    private static Purchase Refusal(Guid? cartId, HttpResponseMessage answer, string body, Guid? orderId = null)
    {
        var status = (int)answer.StatusCode;
        var clean = status is >= 400 and < 500 or 503 && answer.Content.Headers.ContentType?.MediaType == "application/problem+json";
        return new Purchase(cartId, orderId, 0, clean ? Outcome.Refused : Outcome.Broken, $"{status}: {body}");
    }

    private static Guid? OrderIdOf(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            var id = node?["orderId"] ?? (node?["state"] is not null ? node["id"] : null);
            return id is not null && Guid.TryParse(id.GetValue<string>(), out var orderId) ? orderId : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task ScanLoopAsync(CancellationToken stop)
    {
        using var client = HostileWorld.NewBrowser(stack);
        Guid? cartId = null;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (cartId is null)
                {
                    using var created = await client.PostAsync("/api/carts", null, CancellationToken.None);
                    if (created.IsSuccessStatusCode)
                    {
                        cartId = Guid.Parse((await created.Content.ReadFromJsonAsync<JsonNode>(CancellationToken.None))!["id"]!.GetValue<string>());
                    }
                }

                if (cartId is { } id)
                {
                    using var form = new MultipartFormDataContent();
                    var frame = new ByteArrayContent(Payloads.SmallPng);
                    frame.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
                    form.Add(frame, "frames", "frame.png");
                    using var scan = await client.PostAsync($"/api/carts/{id}/scan", form, CancellationToken.None);
                    Interlocked.Increment(ref _scans);
                    var status = (int)scan.StatusCode;
                    if (status == 503)
                    {
                        Interlocked.Increment(ref _scansRefused);
                    }

                    if (status >= 500 && status != 503 || status >= 400 && scan.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    {
                        _purchases.Add(new Purchase(id, null, 0, Outcome.Broken, $"scan {status}: {await scan.Content.ReadAsStringAsync(CancellationToken.None)}"));
                    }

                    if (status == 404)
                    {
                        cartId = null;
                    }
                }
            }
            catch (HttpRequestException exception)
            {
                _purchases.Add(new Purchase(cartId, null, 0, Outcome.Broken, "scan: " + exception.Message));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }
    }

    private static async Task<IReadOnlyList<(int Id, string Sku)>> InStockProductsAsync(HttpClient catalog)
    {
        var page = (await catalog.GetFromJsonAsync<JsonNode>("/api/catalog/products?pageSize=100"))!;
        var products = page["data"]!.AsArray()
            .Where(p => p!["stock"]!.GetValue<int>() > 0)
            .Take(4)
            .Select(p => (p!["id"]!.GetValue<int>(), p["sku"]!.GetValue<string>()))
            .ToList();
        foreach (var (id, _) in products)
        {
            using var delivery = await catalog.PostAsJsonAsync($"/api/catalog/admin/products/{id}/stock-adjustments", new { delta = 500, reason = "delivery for the load" });
            delivery.EnsureSuccessStatusCode();
        }

        return products;
    }

    private static async Task<Dictionary<int, int>> StockAsync(HttpClient catalog, IEnumerable<int> ids)
    {
        var stock = new Dictionary<int, int>();
        foreach (var id in ids)
        {
            var product = (await catalog.GetFromJsonAsync<JsonNode>($"/api/catalog/products/{id}"))!;
            stock[id] = product["stock"]!.GetValue<int>();
        }

        return stock;
    }

    /// <summary>Waits (bounded) until Catalog holds every paid order's reservation as committed; returns how many it does.</summary>
    private static async Task<int> SettleAsync(HttpClient catalog, HashSet<Guid> paidOrders)
    {
        var deadline = DateTime.UtcNow + s_settleBound;
        var committed = 0;
        while (true)
        {
            committed = 0;
            foreach (var order in paidOrders)
            {
                using var reservation = await catalog.GetAsync($"/api/catalog/stock/reservations/{order}");
                if (reservation.IsSuccessStatusCode
                    && (await reservation.Content.ReadFromJsonAsync<JsonNode>())!["status"]!.GetValue<string>() == "Committed")
                {
                    committed++;
                }
            }

            if (committed == paidOrders.Count || DateTime.UtcNow > deadline)
            {
                return committed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>The units Catalog still holds for orders of these carts that were not paid.</summary>
    private async Task<(int Orders, int Units)> HeldForUnpaidOrdersAsync(HttpClient catalog, HashSet<Guid> carts)
    {
        using var cart = new HttpClient { BaseAddress = stack.Cart.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        cart.DefaultRequestHeaders.Add("X-Api-Key", StackFixture.StaffKey);
        var (orders, units) = (0, 0);
        for (var pageIndex = 0; ; pageIndex++)
        {
            var page = (await cart.GetFromJsonAsync<JsonNode>($"/api/orders?pageSize=100&pageIndex={pageIndex}"))!;
            var data = page["data"]!.AsArray();
            foreach (var order in data.Where(o => carts.Contains(Guid.Parse(o!["cartId"]!.GetValue<string>())) && o["state"]!.GetValue<string>() != "Paid"))
            {
                using var reservation = await catalog.GetAsync($"/api/catalog/stock/reservations/{order!["id"]!.GetValue<string>()}");
                var held = reservation.IsSuccessStatusCode ? await reservation.Content.ReadFromJsonAsync<JsonNode>() : null;
                if (held?["status"]?.GetValue<string>() == "Held")
                {
                    orders++;
                    units += held["lines"]!.AsArray().Sum(line => line!["quantity"]!.GetValue<int>());
                }
            }

            if (data.Count < 100)
            {
                return (orders, units);
            }
        }
    }

    /// <summary>
    /// The orders whose <c>orders.order.paid</c> Cart's outbox marked sent; polled (bounded), since the relay marks a
    /// row only after the broker's confirm, which can come after Catalog already handled the event.
    /// </summary>
    private async Task<List<Guid>> PaidEventsSentAsync(HashSet<Guid> ourOrders, int expected)
    {
        var deadline = DateTime.UtcNow + s_settleBound;
        while (true)
        {
            var sent = (await RowsAsync(stack.OrdersDatabase,
                    "SELECT JSON_VALUE(Payload, '$.orderId') FROM OutboxMessages WHERE RoutingKey = 'orders.order.paid' AND SentAt IS NOT NULL"))
                .Select(row => Guid.Parse(row[0])).Where(ourOrders.Contains).ToList();
            if (sent.Count >= expected || DateTime.UtcNow > deadline)
            {
                return sent;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private async Task<List<string[]>> RowsAsync(string database, string sql)
    {
        var text = await stack.MariaDb.ExecuteSqlAsync($"USE `{database}`; {sql}");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split('\t'))];
    }

    private enum Outcome
    {
        Paid,
        Refused,
        Pending,
        Broken,
    }

    private sealed record Purchase(Guid? CartId, Guid? OrderId, int Quantity, Outcome Outcome, string Detail);
}
