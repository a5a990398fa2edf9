using IceCheckout.Services.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace IceCheckout.Services.Tests;

/// <summary>
/// A gateway with a staff account, a staff key per service and a built web app, whose services are a
/// <see cref="RecordingDestination"/>: what the edge lets through, adds and strips can be seen exactly.
/// Subclasses set the limits of their tests.
/// </summary>
public abstract class EdgeGatewayFixture : IAsyncLifetime
{
    public const string StaffUser = "manager";
    public const string StaffPassword = "correct horse battery staple";
    public const string CatalogStaffKey = "catalog-staff-key-from-configuration";
    public const string CartStaffKey = "cart-staff-key-from-configuration";
    public const string HashedAsset = "/assets/index-3f9a1c.js";
    // Big enough to be worth compressing, and easy to compress.
    public static readonly string AssetScript = string.Concat(Enumerable.Repeat("console.log('kiosk ready');\n", 200));

    private readonly string _webAppFolder = Path.Combine(Path.GetTempPath(), $"icecheckout-edge-web-{Guid.NewGuid():N}");

    public RecordingDestination Destination { get; } = new("catalog", "search", "cart", "detection");

    public ServiceProcess Gateway { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_webAppFolder, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_webAppFolder, "index.html"), GatewayRoutingFixture.IndexHtml);
        await File.WriteAllTextAsync(Path.Combine(_webAppFolder, HashedAsset.TrimStart('/')), AssetScript);

        await Destination.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["services__catalog__http__0"] = Destination.AddressOf("catalog").ToString(),
            ["services__search__http__0"] = Destination.AddressOf("search").ToString(),
            ["services__cart__http__0"] = Destination.AddressOf("cart").ToString(),
            ["services__detection__http__0"] = Destination.AddressOf("detection").ToString(),
            ["WebApp__DistPath"] = _webAppFolder,
            [$"Gateway__Staff__Accounts__{StaffUser}"] = new PasswordHasher<string>().HashPassword(StaffUser, StaffPassword),
            ["Gateway__Staff__ApiKeys__catalog"] = CatalogStaffKey,
            ["Gateway__Staff__ApiKeys__cart"] = CartStaffKey,
            // Plain HTTP on loopback: a Secure cookie would never come back. Production keeps the default, true.
            ["Gateway__Staff__SecureCookie"] = "false",
        };
        foreach (var (key, value) in Settings)
        {
            environment[key] = value;
        }

        Gateway = new ServiceProcess("gateway", environment);
        Gateway.Start();
        using var probe = new HttpClient();
        await HealthProbe.WaitForAsync(probe, Gateway, _ => true, "/alive");
    }

    /// <summary>A browser of its own: cookies kept, nothing decompressed behind the test's back.</summary>
    public HttpClient NewBrowser() => new(new HttpClientHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer(), AutomaticDecompression = System.Net.DecompressionMethods.None })
    {
        BaseAddress = Gateway.BaseAddress,
        Timeout = TimeSpan.FromSeconds(15),
    };

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Destination.DisposeAsync();
        Directory.Delete(_webAppFolder, recursive: true);
    }
}

/// <summary>Limits high enough that the staff and static-file tests never meet them.</summary>
public sealed class StaffGatewayFixture : EdgeGatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Gateway__RateLimits__SignIn__PermitLimit"] = "1000",
    };
}

/// <summary>Small limits, so that the tests can reach each one with a handful of requests.</summary>
public sealed class LimitedGatewayFixture : EdgeGatewayFixture
{
    public const int PermitLimit = 3;
    public const int DetectBytes = 4096;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Gateway__RateLimits__Scan__PermitLimit"] = $"{PermitLimit}",
        ["Gateway__RateLimits__Detect__PermitLimit"] = "100",
        ["Gateway__RateLimits__Search__PermitLimit"] = $"{PermitLimit}",
        ["Gateway__RateLimits__SignIn__PermitLimit"] = $"{PermitLimit}",
        ["Gateway__RequestLimits__DetectBytes"] = $"{DetectBytes}",
    };
}
