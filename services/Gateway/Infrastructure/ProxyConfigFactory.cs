using IceCheckout.Gateway.Model;
using Yarp.ReverseProxy.Configuration;

namespace IceCheckout.Gateway.Infrastructure;

/// <summary>
/// Builds YARP's routes and clusters in code from <see cref="DownstreamService.All"/> and <see cref="EdgeRoute.All"/>. The
/// destination addresses are read once, at start, from <c>services:{name}:http:0</c>: YARP's service-discovery destination
/// resolver package is not available here.
/// </summary>
public static class ProxyConfigFactory
{
    private const string CatchAll = "rest";
    private const string ServiceOpenApiPath = "/openapi/v1.json";

    public static IReadOnlyList<RouteConfig> CreateRoutes(IEnumerable<DownstreamService> services, RequestLimitOptions limits)
    {
        var all = services.ToList();
        var prefixRoutes = all.SelectMany(service => service.PathPrefixes.Select(prefix => new RouteConfig
        {
            RouteId = $"{service.Name}{prefix.Replace('/', '-')}",
            ClusterId = service.Name,
            Match = new RouteMatch { Path = $"{prefix}/{{**{CatchAll}}}" },
            RateLimiterPolicy = service.Name == "search" ? EdgeRateLimits.Search : null,
        }));

        var edgeRoutes = EdgeRoute.All.Where(route => all.Any(service => service.Name == route.Service)).Select(route => new RouteConfig
        {
            RouteId = route.RouteId,
            ClusterId = route.Service,
            Order = -1,
            Match = new RouteMatch { Path = route.Path, Methods = [route.Method] },
            RateLimiterPolicy = route.RateLimitPolicy,
            MaxRequestBodySize = route.BodyLimit is { } limit ? limits.Get(limit) : null,
        });

        // Each service's own OpenAPI document, under a name of its own, for the gateway's one API reference page. The
        // original Host goes along, so the document's server is the gateway.
        var openApiRoutes = all.Select(service => new RouteConfig
        {
            RouteId = $"{service.Name}-openapi",
            ClusterId = service.Name,
            Match = new RouteMatch { Path = OpenApiPath(service.Name), Methods = ["GET"] },
            Transforms =
            [
                new Dictionary<string, string> { ["PathSet"] = ServiceOpenApiPath },
                new Dictionary<string, string> { ["RequestHeaderOriginalHost"] = "true" },
            ],
        });

        return [.. prefixRoutes, .. edgeRoutes, .. openApiRoutes];
    }

    /// <summary>Where the gateway serves a service's OpenAPI document.</summary>
    public static string OpenApiPath(string serviceName) => $"/openapi/{serviceName}.json";

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
