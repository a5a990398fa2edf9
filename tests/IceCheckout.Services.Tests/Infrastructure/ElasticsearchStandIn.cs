using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>
/// Answers <c>GET /_cluster/health</c> as an Elasticsearch cluster would (with the product header the official client
/// checks), with a colour the test sets: Elasticsearch itself cannot run on these machines. Records the Authorization header
/// it was sent. Anything else is 404, so the service's index on it stays unbuilt.
/// </summary>
public sealed class ElasticsearchStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ElasticsearchStandIn()
    {
        Port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Urls.Add($"http://127.0.0.1:{Port}");
        _app.MapGet("/_cluster/health", (HttpContext context) =>
        {
            LastAuthorization = context.Request.Headers.Authorization.ToString();
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
            return Results.Json(new { cluster_name = "icecheckout", status = ClusterStatus });
        });
    }

    public int Port { get; }

    /// <summary><c>green</c>, <c>yellow</c> or <c>red</c>.</summary>
    public string ClusterStatus { get; set; } = "green";

    public string? LastAuthorization { get; private set; }

    public string ConnectionString(string user, string password) => $"http://{user}:{password}@127.0.0.1:{Port}";

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
