using IceCheckout.Gateway.Model;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace IceCheckout.Gateway.Staff;

/// <summary>
/// On every forwarded call: drops any API key and the gateway's own cookies the browser sent, then, for a signed-in staff
/// member's call to a <see cref="StaffRoutes">staff route</see>, adds that service's staff key. The services keep checking keys.
/// </summary>
public sealed class StaffKeyTransformProvider(IOptions<StaffOptions> options) : ITransformProvider
{
    public const string ApiKeyHeader = "X-Api-Key";

    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        context.AddRequestHeaderRemove(ApiKeyHeader);
        context.AddRequestHeaderRemove("Authorization");
        context.AddRequestHeaderRemove("Cookie");

        var service = context.Route.ClusterId;
        if (service is null || !options.Value.ApiKeys.TryGetValue(service, out var key) || string.IsNullOrWhiteSpace(key))
        {
            return;
        }

        context.AddRequestTransform(transform =>
        {
            var http = transform.HttpContext;
            if (IsSignedInStaff(http.User) && StaffRoutes.IsStaffRoute(http.Request.Path, http.Request.Method))
            {
                transform.ProxyRequest.Headers.TryAddWithoutValidation(ApiKeyHeader, key);
            }

            return ValueTask.CompletedTask;
        });
    }

    public static bool IsSignedInStaff(System.Security.Claims.ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };
}
