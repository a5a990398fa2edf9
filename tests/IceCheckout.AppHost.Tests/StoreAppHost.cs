using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace IceCheckout.AppHost.Tests;

/// <summary>
/// The AppHost in executable mode with its dashboard: real Redis, RabbitMQ and MariaDB from the operating system's packages
/// (data in a temporary folder), every service, and the dashboard receiving their telemetry. Shared by the tests (it takes a
/// minute to start on a small machine); stopping it stops every process it started.
/// </summary>
public sealed class StoreAppHost : IAsyncLifetime
{
    /// <summary>Every resource of the composition; the services start only once the servers they wait for are healthy.</summary>
    public static readonly string[] Resources = ["cache", "messaging", "mariadb", "catalogdb", "ordersdb", "catalog", "search", "cart", "detection", "gateway"];

    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(5);

    // Under the temp folder's icecheckout-tests/, where scripts/test.sh looks for servers a crashed test host left running.
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "icecheckout-tests", $"apphost-{Guid.NewGuid():N}");

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>The key of the dashboard's telemetry API (header <c>x-api-key</c>), chosen here rather than stored in user secrets.</summary>
    public string DashboardApiKey { get; } = Guid.NewGuid().ToString("N");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataDirectory);
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.IceCheckout_AppHost>(
            new DistributedApplicationTestingBuilderOptions { EnableDashboard = true },
            [
                "--Servers:Mode=Executables",
                $"--Servers:DataDirectory={_dataDirectory}",
                $"--AppHost:DashboardApiKey={DashboardApiKey}",
                $"--AppHost:OtlpApiKey={Guid.NewGuid():N}",
                $"--Parameters:catalog-staff-api-key={Guid.NewGuid():N}",
            ]);

        App = await builder.BuildAsync();
        using var patience = new CancellationTokenSource(StartPatience);
        await App.StartAsync(patience.Token);
        await Task.WhenAll(Resources.Select(resource => App.ResourceNotifications.WaitForResourceHealthyAsync(resource, patience.Token)));
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files: the temp folder is cleaned with the run.
        }
    }

    /// <summary>The dashboard's base address, without its login path.</summary>
    public async Task<Uri> DashboardAsync() => new((await App.GetDashboardUrlAsync()).GetLeftPart(UriPartial.Authority));
}

[CollectionDefinition(Name)]
public sealed class StoreAppHostCollection : ICollectionFixture<StoreAppHost>
{
    public const string Name = "store AppHost";
}
