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
        var dependency = DependencyOf(exception)
            ?? (exception is OperationCanceledException && !httpContext.RequestAborted.IsCancellationRequested
                ? "a service the cart depends on" // a connection dropped mid-command cancels the commands waiting on it
                : null);
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

    /// <summary>EF Core wraps a lost database connection (DbUpdateException, InvalidOperationException), so the whole chain is read.</summary>
    private static string? DependencyOf(Exception? exception) => exception switch
    {
        null => null,
        RedisException or RedisTimeoutException => "the cart store (Redis)", // a timeout is not a RedisException
        MySqlException => "the orders database",
        CatalogUnavailableException => "the catalogue",
        _ => DependencyOf(exception.InnerException),
    };
}
