using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>
/// Stands where the services would stand behind a gateway, one port per service name, and records every request that
/// reaches it: which service it was sent to, the path and query it arrived with, and its headers.
/// </summary>
public sealed class RecordingDestination : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<int, string> _serviceByPort;

    public RecordingDestination(params string[] serviceNames)
    {
        _serviceByPort = serviceNames.ToDictionary(_ => FreePort.Next());
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        _app = builder.Build();
        foreach (var port in _serviceByPort.Keys)
        {
            _app.Urls.Add($"http://127.0.0.1:{port}");
        }

        _app.Run(async context =>
        {
            Requests.Enqueue(new RecordedRequest(
                _serviceByPort[context.Connection.LocalPort],
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await context.Response.WriteAsync("recorded");
        });
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri AddressOf(string serviceName) => new($"http://127.0.0.1:{_serviceByPort.Single(entry => entry.Value == serviceName).Key}");

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record RecordedRequest(string Service, string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers);
