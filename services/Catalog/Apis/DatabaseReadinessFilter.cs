using IceCheckout.Catalog.Infrastructure;

namespace IceCheckout.Catalog.Apis;

public static class DatabaseReadinessFilter
{
    /// <summary>While the schema is not migrated yet, answer 503 ProblemDetails with Retry-After instead of failing on the database.</summary>
    public static RouteGroupBuilder RequireDatabase(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var readiness = context.HttpContext.RequestServices.GetRequiredService<DatabaseReadiness>();
            if (readiness.IsReady)
            {
                return await next(context);
            }

            context.HttpContext.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Catalogue database not ready",
                detail: "The catalogue is starting or its database is unreachable; try again shortly.");
        });
        return group;
    }
}
