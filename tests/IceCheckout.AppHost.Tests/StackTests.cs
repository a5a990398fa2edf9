using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.AppHost.Tests;

[Collection(StoreAppHostCollection.Name)]
public sealed class StackTests(StoreAppHost store)
{
    private static readonly TimeSpan TelemetryPatience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Every_resource_is_healthy_and_the_gateway_serves_the_catalogue()
    {
        var model = store.App.Services.GetRequiredService<DistributedApplicationModel>();
        foreach (var name in StoreAppHost.Resources)
        {
            Assert.True(store.App.ResourceNotifications.TryGetCurrentState(name, out var resource), $"{name} has no state");
            Assert.Equal(KnownResourceStates.Running, resource.Snapshot.State?.Text);
            Assert.Equal(HealthStatus.Healthy, resource.Snapshot.HealthStatus);
        }

        Assert.Contains(model.Resources, resource => resource.Name == "cache" && resource is ExecutableResource);

        using var gateway = store.App.CreateHttpClient("gateway");
        using var response = await gateway.GetAsync("/api/catalog/products?pageSize=5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(page.RootElement.GetProperty("count").GetInt32() > 0);
        Assert.Equal(5, page.RootElement.GetProperty("data").GetArrayLength());
        Assert.All(page.RootElement.GetProperty("data").EnumerateArray(), product => Assert.False(string.IsNullOrEmpty(product.GetProperty("sku").GetString())));
    }

    [Fact]
    public async Task A_catalogue_read_through_the_gateway_reaches_the_dashboard_as_one_trace_with_every_hop()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var gateway = store.App.CreateHttpClient("gateway");
        // A page size no other test asks for: not cached yet, so Catalog reads Redis, then MySQL, then writes Redis.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/catalog/products?pageSize=7&pageIndex=1");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await gateway.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var dashboard = new HttpClient { BaseAddress = await store.DashboardAsync() };
        var traces = new DashboardTraces(dashboard, store.DashboardApiKey);
        var spans = await traces.WaitForAsync(traceId, spans => HasEveryHop(spans), TelemetryPatience);

        Assert.Contains(spans, span => span.Service == "gateway" && span.Kind == DashboardTraces.ServerKind && span.Attributes.GetValueOrDefault("url.path") == "/api/catalog/products");
        Assert.Contains(spans, span => span.Service == "gateway" && span.Kind == DashboardTraces.ClientKind && span.Attributes.ContainsKey("http.request.method"));
        Assert.Contains(spans, span => span.Service == "catalog" && span.Kind == DashboardTraces.ServerKind && span.Attributes.GetValueOrDefault("url.path") == "/api/catalog/products");
        Assert.Contains(spans, span => span.Service == "catalog" && IsDatabase(span, "mysql"));
        Assert.Contains(spans, span => span.Service == "catalog" && IsDatabase(span, "redis"));
    }

    private static bool HasEveryHop(IReadOnlyList<DashboardSpan> spans) =>
        spans.Any(span => span.Service == "gateway" && span.Kind == DashboardTraces.ServerKind)
        && spans.Any(span => span.Service == "catalog" && span.Kind == DashboardTraces.ServerKind)
        && spans.Any(span => IsDatabase(span, "mysql"))
        && spans.Any(span => IsDatabase(span, "redis"));

    // Older and newer semantic conventions name the database system differently.
    private static bool IsDatabase(DashboardSpan span, string system) =>
        span.Attributes.GetValueOrDefault("db.system") == system || span.Attributes.GetValueOrDefault("db.system.name") == system;
}
