using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

/// <summary>
/// A gateway whose four services are a <see cref="RecordingDestination"/>, and whose web app is a small built app in a
/// temporary folder: what the gateway sends on, and what it serves itself, can be seen exactly.
/// </summary>
public sealed class GatewayRoutingFixture : IAsyncLifetime
{
    public const string IndexHtml = "<!doctype html><title>IceCheckout kiosk</title>";
    public const string AppScript = "console.log('kiosk');";

    private readonly string _webAppFolder = Path.Combine(Path.GetTempPath(), $"icecheckout-web-{Guid.NewGuid():N}");

    public RecordingDestination Destination { get; } = new("catalog", "search", "cart", "detection");

    public ServiceProcess Gateway { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(15) };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_webAppFolder, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_webAppFolder, "index.html"), IndexHtml);
        await File.WriteAllTextAsync(Path.Combine(_webAppFolder, "assets", "app.js"), AppScript);

        await Destination.StartAsync();
        Gateway = new ServiceProcess("gateway", new Dictionary<string, string>
        {
            ["services__catalog__http__0"] = Destination.AddressOf("catalog").ToString(),
            ["services__search__http__0"] = Destination.AddressOf("search").ToString(),
            ["services__cart__http__0"] = Destination.AddressOf("cart").ToString(),
            ["services__detection__http__0"] = Destination.AddressOf("detection").ToString(),
            ["WebApp__DistPath"] = _webAppFolder,
        });
        Gateway.Start();

        // Up once it answers; the recording destination is no health endpoint, so the report's content does not matter here.
        await HealthProbe.WaitForAsync(Http, Gateway, _ => true, "/alive");
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Destination.DisposeAsync();
        Http.Dispose();
        Directory.Delete(_webAppFolder, recursive: true);
    }
}
