using System.Diagnostics;
using System.Net;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

[Collection(StackCollection.Name)]
public sealed class GatewayTests(StackFixture stack, GatewayRoutingFixture routing) : IClassFixture<GatewayRoutingFixture>
{
    [Theory]
    [InlineData("GET", "/api/catalog/products?page=2", "catalog", "/api/catalog/products?page=2")]
    [InlineData("GET", "/api/catalog/admin/products/7", "catalog", "/api/catalog/admin/products/7")]
    [InlineData("GET", "/api/search/suggest?q=vanilla", "search", "/api/search/suggest?q=vanilla")]
    [InlineData("POST", "/api/carts/42/scan", "cart", "/api/carts/42/scan")]
    [InlineData("GET", "/api/orders/7", "cart", "/api/orders/7")]
    [InlineData("POST", "/api/detection/detect", "detection", "/api/detection/detect")]
    [InlineData("GET", "/api/detection/info", "detection", "/api/detection/info")]
    public async Task Gateway_forwards_each_prefix_to_its_service(string method, string path, string service, string forwardedPath)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(routing.Gateway.BaseAddress, path));
        if (method == "POST")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await routing.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recorded", await response.Content.ReadAsStringAsync());
        var recorded = Assert.Single(routing.Destination.Requests, candidate => candidate.PathAndQuery == forwardedPath && candidate.Method == method);
        Assert.Equal(service, recorded.Service);
    }

    [Fact]
    public async Task Gateway_passes_on_the_trace_context_and_the_forwarded_headers()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var callerSpanId = ActivitySpanId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(routing.Gateway.BaseAddress, "/api/search/trace-probe"));
        request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");

        using var response = await routing.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var recorded = Assert.Single(routing.Destination.Requests, candidate => candidate.PathAndQuery == "/api/search/trace-probe");
        var traceparent = recorded.Headers["traceparent"].Split('-');
        Assert.Equal(traceId.ToHexString(), traceparent[1]);
        Assert.NotEqual(callerSpanId.ToHexString(), traceparent[2]);
        Assert.Equal($"127.0.0.1:{routing.Gateway.Port}", recorded.Headers["X-Forwarded-Host"]);
        Assert.Equal("http", recorded.Headers["X-Forwarded-Proto"]);
        Assert.Equal("127.0.0.1", recorded.Headers["X-Forwarded-For"]);
    }

    [Theory]
    [InlineData("/", GatewayRoutingFixture.IndexHtml)]
    [InlineData("/kiosk/checkout", GatewayRoutingFixture.IndexHtml)]
    [InlineData("/assets/app.js", GatewayRoutingFixture.AppScript)]
    public async Task Gateway_serves_the_web_app_with_its_index_for_client_routes(string path, string expectedBody)
    {
        using var response = await routing.Http.GetAsync(new Uri(routing.Gateway.BaseAddress, path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedBody, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/unknown/thing")]
    [InlineData("/assets/missing.js")]
    public async Task Gateway_answers_404_for_what_is_neither_an_API_nor_a_file(string path)
    {
        using var response = await routing.Http.GetAsync(new Uri(routing.Gateway.BaseAddress, path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(routing.Destination.Requests, candidate => candidate.PathAndQuery == path);
    }

    [Fact]
    public async Task Gateway_without_a_built_web_app_serves_the_APIs_only()
    {
        await HealthProbe.WaitForStatusAsync(stack.Http, stack.Gateway, "Healthy");

        using var root = await stack.Http.GetAsync(new Uri(stack.Gateway.BaseAddress, "/"));
        using var unknownApi = await stack.Http.GetAsync(new Uri(stack.Gateway.BaseAddress, "/api/unknown"));

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Gateway_forwards_detection_paths_unchanged_to_the_real_service()
    {
        await HealthProbe.WaitForStatusAsync(stack.Http, stack.Detection, "Healthy");

        using var info = await stack.Http.GetAsync(new Uri(stack.Gateway.BaseAddress, "/api/detection/info"));
        using var health = await stack.Http.GetAsync(new Uri(stack.Gateway.BaseAddress, "/api/detection/health"));

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        using var document = await System.Text.Json.JsonDocument.ParseAsync(await info.Content.ReadAsStreamAsync());
        Assert.True(document.RootElement.GetProperty("classes").GetArrayLength() > 0);
        // The service's own /health is not under its public prefix, so the gateway does not expose it.
        Assert.Equal(HttpStatusCode.NotFound, health.StatusCode);
    }

    [Fact]
    public async Task Gateway_reports_a_stopped_service_and_keeps_forwarding_to_the_others()
    {
        var before = await HealthProbe.WaitForStatusAsync(stack.Http, stack.Gateway, "Healthy");
        Assert.Equal("Healthy", before?.Status);

        await stack.Search.StopAsync();
        HealthReport? degraded;
        HttpStatusCode searchWhileDown;
        HttpStatusCode detectionWhileSearchDown;
        string? problemType;
        try
        {
            degraded = await HealthProbe.WaitForAsync(stack.Http, stack.Gateway, report => report.Entries["search"].Status != "Healthy");
            using var search = await stack.Http.GetAsync(new Uri(stack.Gateway.BaseAddress, "/api/search/products?q=melon"));
            searchWhileDown = search.StatusCode;
            problemType = search.Content.Headers.ContentType?.MediaType;
            using var detection = await stack.Http.GetAsync(new Uri(stack.Gateway.BaseAddress, "/api/detection/info"));
            detectionWhileSearchDown = detection.StatusCode;
        }
        finally
        {
            stack.Search.Start();
        }

        var recovered = await HealthProbe.WaitForStatusAsync(stack.Http, stack.Gateway, "Healthy");

        Assert.NotNull(degraded);
        Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
        Assert.Equal("Degraded", degraded.Status);
        Assert.Equal("Degraded", degraded.Entries["search"].Status);
        Assert.All(degraded.Entries.Where(entry => entry.Key != "search"), entry => Assert.Equal("Healthy", entry.Value.Status));
        Assert.Equal(HttpStatusCode.BadGateway, searchWhileDown);
        Assert.Equal("application/problem+json", problemType);
        Assert.Equal(HttpStatusCode.OK, detectionWhileSearchDown);
        Assert.Equal("Healthy", recovered?.Status);
    }
}
