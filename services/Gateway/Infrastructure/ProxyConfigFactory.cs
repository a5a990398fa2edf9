using IceCheckout.Gateway.Model;
using Yarp.ReverseProxy.Configuration;

namespace IceCheckout.Gateway.Infrastructure;

/// <summary>
/// Builds YARP's routes and clusters in code from <see cref="DownstreamService.All"/>. The destination addresses are read once,
/// at start, from <c>services:{name}:http:0</c>: YARP's service-discovery destination resolver package is not available here.
/// </summary>
public static class ProxyConfigFactory
{
    private const string CatchAll = "rest";

    public static IReadOnlyList<RouteConfig> CreateRoutes(IEnumerable<DownstreamService> services) =>
    [
        .. services.SelectMany(service => service.PathPrefixes.Select(prefix => new RouteConfig
        {
            RouteId = $"{service.Name}{prefix.Replace('/', '-')}",
            ClusterId = service.Name,
            Match = new RouteMatch { Path = $"{prefix}/{{**{CatchAll}}}" },
        })),
    ];

    /// <summary>A service that is not configured gets a cluster without destinations, which YARP answers with 503.</summary>
    public static IReadOnlyList<ClusterConfig> CreateClusters(IEnumerable<DownstreamService> services, IConfiguration configuration) =>
    [
        .. services.Select(service => new ClusterConfig
        {
            ClusterId = service.Name,
            Destinations = service.ResolveAddress(configuration) is { } address
                ? new Dictionary<string, DestinationConfig> { [service.Name] = new() { Address = address.ToString() } }
                : new Dictionary<string, DestinationConfig>(),
        }),
    ];
}
