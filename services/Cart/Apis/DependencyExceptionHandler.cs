using IceCheckout.Cart.Infrastructure.Catalog;
using Microsoft.AspNetCore.Diagnostics;
using MySqlConnector;
using StackExchange.Redis;

namespace IceCheckout.Cart.Apis;

/// <summary>
/// A dependency that fails mid-request (Redis, the orders database, Catalog) is a 503 with <c>Retry-After</c>, not a 500:
/// the request changed nothing that a retry would not redo.
/// </summary>
public sealed class DependencyExceptionHandler(IProblemDetailsService problemDetails, ILogger<DependencyExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var dependency = exception switch
        {
            // A timeout is not a RedisException; a connection Redis dropped cancels the commands waiting on it.
            RedisException or RedisTimeoutException => "the cart store (Redis)",
            OperationCanceledException when !httpContext.RequestAborted.IsCancellationRequested => "a service the cart depends on",
            MySqlException or InvalidOperationException { InnerException: MySqlException } => "the orders database",
            CatalogUnavailableException => "the catalogue",
            _ => null,
        };
        if (dependency is null)
        {
            return false;
        }

        logger.LogWarning(exception, "{Dependency} failed during {Path}", dependency, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = CartProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Temporarily unavailable",
                Detail = $"{char.ToUpperInvariant(dependency[0])}{dependency[1..]} is not answering; nothing was changed. Try again shortly.",
            },
        });
    }
}
