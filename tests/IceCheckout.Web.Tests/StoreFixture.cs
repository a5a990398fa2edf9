using System.Net.Http.Json;
using IceCheckout.Services.Tests.Infrastructure;
using IceCheckout.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

/// <summary>
/// The whole store, for real and composed the way the AppHost composes it (docs/ARCHITECTURE.md's configuration
/// contract): MariaDB, Redis and RabbitMQ; Catalog, Search, Detection with the shipped model, Cart; and the gateway serving
/// the web app built from <c>web/</c> (npm ci + npm run build), driven by the distribution's Chromium through Playwright.
/// Two gateways share the services: <see cref="Gateway"/> with sign-in limits no test meets, and <see cref="StrictGateway"/>
/// that allows three sign-in attempts a minute. Only the payment network is a stand-in: Cart's sandbox terminal.
/// </summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public const string StaffUser = "manager";
    public const string StaffPassword = "scoop-of-vanilla-42";
    public const string StaffKey = "e2e-catalog-staff-key";
    public const string CartStaffKey = "e2e-cart-staff-key";
    public const string ServiceKey = "e2e-catalog-service-key";
    public const int StrictSignInLimit = 3;

    private static readonly TimeSpan s_expectTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] s_chromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    ];

    private readonly string _searchIndex = Path.Combine(Path.GetTempPath(), $"icecheckout-web-search-{Guid.NewGuid():N}");

    public RedisServer Redis { get; } = new();

    public RabbitMqServer RabbitMq { get; } = new();

    public MariaDbServer MariaDb { get; } = new();

    public ServiceProcess Catalog { get; private set; } = null!;

    public ServiceProcess Search { get; private set; } = null!;

    public ServiceProcess Detection { get; private set; } = null!;

    public ServiceProcess Cart { get; private set; } = null!;

    public ServiceProcess Gateway { get; private set; } = null!;

    public ServiceProcess StrictGateway { get; private set; } = null!;

    /// <summary>Catalog itself, with the staff key: the tests' own view of the truth.</summary>
    public HttpClient CatalogApi { get; private set; } = null!;

    /// <summary>Cart itself, with its staff key.</summary>
    public HttpClient CartApi { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    /// <summary>A browser without a camera: the kiosk offers a photo upload.</summary>
    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "IceCheckout.Web.Tests", "screenshots");

    private IEnumerable<ServiceProcess> Services => new[] { StrictGateway, Gateway, Cart, Detection, Search, Catalog }.Where(service => service is not null);

    public async Task InitializeAsync()
    {
        var build = WebBuild.RunScriptAsync("build");
        await Task.WhenAll(Redis.InitializeAsync(), RabbitMq.InitializeAsync(), MariaDb.InitializeAsync());
        var messaging = await RabbitMq.CreateVirtualHostAsync();

        Catalog = new ServiceProcess("catalog", new Dictionary<string, string>
        {
            ["ConnectionStrings__catalogdb"] = await MariaDb.CreateDatabaseAsync(),
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
            ["Catalog__Staff__ApiKeys__0"] = StaffKey,
            ["Catalog__Services__ApiKeys__0"] = ServiceKey,
        });
        Search = new ServiceProcess("search", new Dictionary<string, string>
        {
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
            ["services__catalog__http__0"] = Catalog.BaseAddress.ToString(),
            ["Search__Embedded__IndexPath"] = _searchIndex,
        });
        // The shipped model, as the AppHost runs it.
        Detection = new ServiceProcess("detection", new Dictionary<string, string>
        {
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
        });
        Cart = new ServiceProcess("cart", new Dictionary<string, string>
        {
            ["ConnectionStrings__ordersdb"] = await MariaDb.CreateDatabaseAsync(),
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = messaging,
            ["services__catalog__http__0"] = Catalog.BaseAddress.ToString(),
            ["Cart__Catalog__ServiceKey"] = ServiceKey,
            ["Cart__Staff__ApiKeys__0"] = CartStaffKey,
        });
        foreach (var service in new[] { Catalog, Search, Detection, Cart })
        {
            service.Start();
        }

        var (exitCode, output) = await build;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The web app did not build.{Environment.NewLine}{output}");
        }

        Gateway = new ServiceProcess("gateway", GatewayEnvironment(signInLimit: 1000));
        Gateway.Start();
        StrictGateway = new ServiceProcess("gateway", GatewayEnvironment(signInLimit: StrictSignInLimit));
        StrictGateway.Start();

        using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(15) })
        {
            foreach (var service in new[] { Catalog, Search, Detection, Cart })
            {
                var health = await HealthProbe.WaitForStatusAsync(probe, service, "Healthy");
                Assert.True(health.Status == "Healthy", $"{service.Name} did not become healthy: {health}{Environment.NewLine}{service.RecentOutput}");
            }

            await HealthProbe.WaitForStatusAsync(probe, Gateway, "Healthy");
            await HealthProbe.WaitForAsync(probe, StrictGateway, _ => true, "/alive");
        }

        CatalogApi = new HttpClient { BaseAddress = Catalog.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        CatalogApi.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);
        CartApi = new HttpClient { BaseAddress = Cart.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        CartApi.DefaultRequestHeaders.Add("X-Api-Key", CartStaffKey);

        Directory.CreateDirectory(ScreenshotFolder);
        // Scans and payments run on a small machine shared with other work: wait for what the page shows, within a bound.
        Assertions.SetDefaultExpectTimeout((float)s_expectTimeout.TotalMilliseconds);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync([]);
    }

    private Dictionary<string, string> GatewayEnvironment(int signInLimit) => new()
    {
        ["services__catalog__http__0"] = Catalog.BaseAddress.ToString(),
        ["services__search__http__0"] = Search.BaseAddress.ToString(),
        ["services__cart__http__0"] = Cart.BaseAddress.ToString(),
        ["services__detection__http__0"] = Detection.BaseAddress.ToString(),
        ["WebApp__DistPath"] = WebBuild.DistFolder,
        [$"Gateway__Staff__Accounts__{StaffUser}"] = new PasswordHasher<string>().HashPassword(StaffUser, StaffPassword),
        ["Gateway__Staff__ApiKeys__catalog"] = StaffKey,
        ["Gateway__Staff__ApiKeys__cart"] = CartStaffKey,
        // Plain HTTP on loopback; production keeps the default, Secure.
        ["Gateway__Staff__SecureCookie"] = "false",
        ["Gateway__RateLimits__SignIn__PermitLimit"] = $"{signInLimit}",
    };

    /// <summary>
    /// Starts a stopped service again on its port and waits, within a bound, until it serves. Degraded is enough: what was
    /// sent to it while it was down may have expired into its dead-letter queue, which its health reports.
    /// </summary>
    public static async Task StartAgainAsync(ServiceProcess service)
    {
        service.Start();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        await HealthProbe.WaitForAsync(probe, service, report => report.Status != "Unhealthy");
    }

    /// <summary>
    /// A browser of its own whose camera shows <paramref name="video"/> (a <c>.y4m</c> or <c>.mjpeg</c> file) over and over:
    /// Chromium takes the fake camera's file once per launch.
    /// </summary>
    public Task<IBrowser> LaunchWithCameraAsync(string video) =>
        LaunchChromiumAsync(["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-video-capture={video}"]);

    private Task<IBrowser> LaunchChromiumAsync(IEnumerable<string> extraArgs) =>
        Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = [.. s_chromiumArgs, .. extraArgs],
        });

    /// <summary>A fresh browser context (its own cookies and storage) with a screen of this size.</summary>
    public async Task<IPage> NewPageAsync(
        int width = 1280, int height = 800, ServiceProcess? gateway = null, bool touch = false, IBrowser? browser = null)
    {
        var context = await (browser ?? Browser).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (gateway ?? Gateway).BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            HasTouch = touch,
            Locale = "ko-KR",
        });
        await context.GrantPermissionsAsync(["camera"]);
        return await context.NewPageAsync();
    }

    public async Task<IReadOnlyList<CatalogProduct>> ProductsAsync(string? category = null)
    {
        var query = category is null ? "" : $"&category={category}";
        var page = await CatalogApi.GetFromJsonAsync<CatalogPage>($"/api/catalog/products?pageSize=100{query}");
        return page!.Data;
    }

    /// <summary>The catalogue's products by detection label.</summary>
    public async Task<IReadOnlyDictionary<string, CatalogProduct>> ProductsByLabelAsync() =>
        (await ProductsAsync()).Where(product => product.DetectionLabel is not null).ToDictionary(product => product.DetectionLabel!);

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = false });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        foreach (var service in Services)
        {
            await service.DisposeAsync();
        }

        CatalogApi?.Dispose();
        CartApi?.Dispose();
        await Task.WhenAll(Redis.DisposeAsync(), RabbitMq.DisposeAsync(), MariaDb.DisposeAsync());
        try
        {
            Directory.Delete(_searchIndex, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Search never wrote its index.
        }
    }
}

public sealed record CatalogPage(int Count, IReadOnlyList<CatalogProduct> Data);

public sealed record CatalogProduct(
    int Id, string Sku, string? DetectionLabel, string NameKo, string NameEn, string Category, int Price, int Stock, string? ImageUrl);

[CollectionDefinition(Name)]
public sealed class StoreCollection : ICollectionFixture<StoreFixture>
{
    public const string Name = "store";
}
