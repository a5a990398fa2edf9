using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IceCheckout.AppHost;

internal static class ReadyAnnouncement
{
    /// <summary>
    /// Once every service is healthy, logs how long the start took, the store's address (the gateway), the web app's dev
    /// server where it runs, and the dashboard's login address.
    /// </summary>
    public static void AnnounceWhenReady(this IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway)
    {
        var started = Stopwatch.StartNew();
        var services = builder.Resources.OfType<ProjectResource>().ToList();
        var pending = services.Count;
        foreach (var service in services)
        {
            builder.Eventing.Subscribe<ResourceReadyEvent>(service, (ready, _) =>
            {
                if (Interlocked.Decrement(ref pending) == 0)
                {
                    var logger = ready.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IceCheckout");
                    var web = builder.Resources.OfType<IResourceWithEndpoints>().FirstOrDefault(r => r.Name == WebDevServer.ResourceName);
                    logger.LogInformation(
                        "IceCheckout is ready after {Seconds:F0} s. Store: {Store}{Web}  Dashboard: {Dashboard}",
                        started.Elapsed.TotalSeconds,
                        gateway.GetEndpoint("http").Url,
                        web is null ? "" : $"  Web app (hot reload): {web.GetEndpoint("http").Url}",
                        DashboardLogin(builder.Configuration));
                }

                return Task.CompletedTask;
            });
        }
    }

    private static string DashboardLogin(ConfigurationManager configuration)
    {
        var url = (configuration["ASPNETCORE_URLS"] ?? "").Split(';')[0];
        return configuration["AppHost:BrowserToken"] is { Length: > 0 } token ? $"{url}/login?t={token}" : url;
    }
}
