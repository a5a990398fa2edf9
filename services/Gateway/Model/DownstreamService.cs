namespace IceCheckout.Gateway.Model;

/// <summary>A service behind the gateway and the path prefixes the gateway forwards to it.</summary>
/// <param name="Name">Its service name, as in the configuration key <c>services:{Name}:http:0</c>.</param>
/// <param name="PathPrefixes">Public prefixes such as <c>/api/catalog</c>; everything below them is forwarded.</param>
public sealed record DownstreamService(string Name, IReadOnlyList<string> PathPrefixes)
{
    public static IReadOnlyList<DownstreamService> All { get; } =
    [
        new("catalog", ["/api/catalog"]),
        new("search", ["/api/search"]),
        new("cart", ["/api/carts", "/api/orders", "/api/checklists"]),
        new("detection", ["/api/detection"]),
    ];

    /// <summary>The service's base address from the service-discovery configuration, or null when it is not configured.</summary>
    public Uri? ResolveAddress(IConfiguration configuration)
    {
        var address = configuration[$"services:{Name}:http:0"] ?? configuration[$"services:{Name}:https:0"];
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri : null;
    }
}
