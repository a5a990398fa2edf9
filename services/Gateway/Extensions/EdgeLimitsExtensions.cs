using System.Globalization;
using System.Threading.RateLimiting;
using IceCheckout.Gateway.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Yarp.ReverseProxy.Model;

namespace IceCheckout.Gateway;

public static class EdgeLimitsExtensions
{
    /// <summary>
    /// Per-client rate limits (<see cref="EdgeRateLimits"/>, fixed windows keyed by the client's address), answering 429
    /// ProblemDetails with Retry-After.
    /// </summary>
    public static IHostApplicationBuilder AddEdgeLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RequestLimitOptions>(builder.Configuration.GetSection(RequestLimitOptions.Section));

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = WriteRejectionAsync;
            foreach (var (policy, defaults) in EdgeRateLimits.Defaults)
            {
                var limit = new RateLimitOptions { PermitLimit = defaults.PermitLimit, Window = defaults.Window };
                builder.Configuration.GetSection($"{EdgeRateLimits.Section}:{policy}").Bind(limit);
                options.AddPolicy(policy, context => RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit.PermitLimit, Window = limit.Window, QueueLimit = 0 }));
            }
        });

        return builder;
    }

    /// <summary>A request whose declared body is larger than its route allows is refused with 413 before anything is forwarded.</summary>
    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.MaxRequestBodySize;
            if (limit is > 0 && context.Request.ContentLength > limit)
            {
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "The request body is too large.",
                    detail: string.Create(CultureInfo.InvariantCulture, $"This route takes at most {limit} bytes; {context.Request.ContentLength} were sent.")).ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static async ValueTask WriteRejectionAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = string.Create(CultureInfo.InvariantCulture, $"Try again in {seconds} s."),
            },
        });
    }
}
