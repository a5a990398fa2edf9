using System.Globalization;
using IceCheckout.Gateway.Infrastructure;
using IceCheckout.Gateway.Model;
using Scalar.AspNetCore;

namespace IceCheckout.Gateway;

public static class ApiReferenceExtensions
{
    /// <summary>
    /// One API reference page for the whole store: the gateway's Scalar page (<c>/scalar</c>, mapped by the service defaults)
    /// lists every service's own OpenAPI document, fetched through the gateway at <c>/openapi/{service}.json</c>, and the
    /// gateway's own (staff sign-in).
    /// </summary>
    public static IHostApplicationBuilder AddStoreApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ScalarOptions>(options =>
        {
            options.WithTitle("IceCheckout API");
            foreach (var service in DownstreamService.All)
            {
                options.AddDocument(service.Name, CultureInfo.InvariantCulture.TextInfo.ToTitleCase(service.Name),
                    ProxyConfigFactory.OpenApiPath(service.Name));
            }

            options.AddDocument("v1", "Gateway (staff sign-in)");
        });
        return builder;
    }
}
