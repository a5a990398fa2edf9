using IceCheckout.Gateway.Infrastructure;
using IceCheckout.Gateway.Model;
using IceCheckout.Gateway.Staff;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IceCheckout.Gateway;

public static class GatewayExtensions
{
    private const string HealthClientKey = "downstream-health";

    /// <summary>
    /// The reverse proxy to every service in <see cref="DownstreamService.All"/>, and a health check per service that reports
    /// it Degraded when it is down: the gateway keeps forwarding to the services that are up.
    /// </summary>
    public static IHostApplicationBuilder AddGateway(this IHostApplicationBuilder builder)
    {
        var services = DownstreamService.All;

        var limits = builder.Configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        builder.Services.AddReverseProxy()
            .LoadFromMemory(
                ProxyConfigFactory.CreateRoutes(services, limits),
                ProxyConfigFactory.CreateClusters(services, builder.Configuration))
            .AddTransforms<StaffKeyTransformProvider>();

        // Its own client, without the retries of the default HttpClient pipeline: a probe reports what it sees, at once.
        builder.Services.AddKeyedSingleton(HealthClientKey, (_, _) => new HttpClient(
            new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
        {
            Timeout = TimeSpan.FromSeconds(5),
        });

        var healthChecks = builder.Services.AddHealthChecks();
        foreach (var service in services)
        {
            var address = service.ResolveAddress(builder.Configuration);
            healthChecks.Add(new HealthCheckRegistration(
                service.Name,
                serviceProvider => new DownstreamHealthCheck(service, address, serviceProvider.GetRequiredKeyedService<HttpClient>(HealthClientKey)),
                HealthStatus.Degraded,
                ["ready"],
                TimeSpan.FromSeconds(6)));
        }

        return builder;
    }
}
