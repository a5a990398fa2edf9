using IceCheckout.Cart.Infrastructure.Orders;

namespace IceCheckout.Cart.Apis;

public static class OrdersDatabaseFilter
{
    /// <summary>Answers 503 with Retry-After until the orders database is migrated, instead of failing on a missing table.</summary>
    public static TBuilder RequireOrdersDatabase<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var readiness = context.HttpContext.RequestServices.GetRequiredService<OrdersReadiness>();
            return readiness.IsReady
                ? await next(context)
                : CartProblems.Unavailable(context.HttpContext.Response, "The orders database is not ready yet.");
        });
}
