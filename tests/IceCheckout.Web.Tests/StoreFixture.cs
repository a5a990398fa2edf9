using System.Net.Http.Json;
using IceCheckout.Services.Tests.Infrastructure;
using IceCheckout.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace IceCheckout.Web.Tests;

/// <summary>
/// What of the store runs today, for real: MariaDB, Redis and RabbitMQ, Catalog, and the gateway serving the web app built
/// from <c>web/</c> (npm ci + npm run build), driven by the distribution's Chromium through Playwright. Two gateways share
/// the Catalog: <see cref="Gateway"/> with limits no test meets, and <see cref="StrictGateway"/> that allows three sign-in
/// attempts a minute. Cart, Search and Detection are not started: their pages say that they are unavailable.
/// </summary>
public sealed class StoreFixture : IAsyncLifetime
{
    public const string StaffUser = "manager";
    public const string StaffPassword = "scoop-of-vanilla-42";
    public const string StaffKey = "e2e-catalog-staff-key";
    public const int StrictSignInLimit = 3;

    private static readonly string[] s_chromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
    ];

    public RedisServer Redis { get; } = new();

    public RabbitMqServer RabbitMq { get; } = new();

    public MariaDbServer MariaDb { get; } = new();

    public ServiceProcess Catalog { get; private set; } = null!;

    public ServiceProcess Gateway { get; private set; } = null!;

    public ServiceProcess StrictGateway { get; private set; } = null!;

    /// <summary>Catalog itself, with the staff key: the tests' own view of the truth.</summary>
    public HttpClient CatalogApi { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "IceCheckout.Web.Tests", "screenshots");

    public async Task InitializeAsync()
    {
        var build = WebBuild.RunScriptAsync("build");
        await Task.WhenAll(Redis.InitializeAsync(), RabbitMq.InitializeAsync(), MariaDb.InitializeAsync());
        var (exitCode, output) = await build;
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"The web app did not build.{Environment.NewLine}{output}");
        }

        Catalog = new ServiceProcess("catalog", new Dictionary<string, string>
        {
            ["ConnectionStrings__catalogdb"] = await MariaDb.CreateDatabaseAsync(),
            ["ConnectionStrings__cache"] = Redis.ConnectionString,
            ["ConnectionStrings__messaging"] = await RabbitMq.CreateVirtualHostAsync(),
            ["Catalog__Staff__ApiKeys__0"] = StaffKey,
        });
        Catalog.Start();
        Gateway = new ServiceProcess("gateway", GatewayEnvironment(signInLimit: 1000));
        Gateway.Start();
        StrictGateway = new ServiceProcess("gateway", GatewayEnvironment(signInLimit: StrictSignInLimit));
        StrictGateway.Start();

        using (var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(15) })
        {
            var catalogUp = await HealthProbe.WaitForStatusAsync(probe, Catalog, "Healthy");
            Assert.True(catalogUp?.Status == "Healthy", $"Catalog did not become healthy: {catalogUp}{Environment.NewLine}{Catalog.RecentOutput}");
            await HealthProbe.WaitForAsync(probe, Gateway, _ => true, "/alive");
            await HealthProbe.WaitForAsync(probe, StrictGateway, _ => true, "/alive");
        }

        CatalogApi = new HttpClient { BaseAddress = Catalog.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        CatalogApi.DefaultRequestHeaders.Add("X-Api-Key", StaffKey);

        Directory.CreateDirectory(ScreenshotFolder);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = s_chromiumArgs,
        });
    }

    private Dictionary<string, string> GatewayEnvironment(int signInLimit) => new()
    {
        ["services__catalog__http__0"] = Catalog.BaseAddress.ToString(),
        ["WebApp__DistPath"] = WebBuild.DistFolder,
        [$"Gateway__Staff__Accounts__{StaffUser}"] = new PasswordHasher<string>().HashPassword(StaffUser, StaffPassword),
        ["Gateway__Staff__ApiKeys__catalog"] = StaffKey,
        // Plain HTTP on loopback; production keeps the default, Secure.
        ["Gateway__Staff__SecureCookie"] = "false",
        ["Gateway__RateLimits__SignIn__PermitLimit"] = $"{signInLimit}",
    };

    /// <summary>A fresh browser context (its own cookies and storage) with a screen of this size.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800, ServiceProcess? gateway = null, bool touch = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
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

    public static async Task ScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = false });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        Playwright?.Dispose();
        foreach (var service in new[] { StrictGateway, Gateway, Catalog })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }

        CatalogApi?.Dispose();
        await Task.WhenAll(Redis.DisposeAsync(), RabbitMq.DisposeAsync(), MariaDb.DisposeAsync());
    }
}

public sealed record CatalogPage(int Count, IReadOnlyList<CatalogProduct> Data);

public sealed record CatalogProduct(int Id, string Sku, string NameKo, string NameEn, string Category, int Price, int Stock, string? ImageUrl);

[CollectionDefinition(Name)]
public sealed class StoreCollection : ICollectionFixture<StoreFixture>
{
    public const string Name = "store";
}
