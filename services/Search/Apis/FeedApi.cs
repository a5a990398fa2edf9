using IceCheckout.Search.Feed;
using IceCheckout.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using StackExchange.Redis;

namespace IceCheckout.Search.Apis;

public static class FeedApi
{
    public static IEndpointRouteBuilder MapFeedApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/search").WithTags("Feed")
            .MapGet("/feed", GetFeed)
            .WithSummary("Popular now, what goes well with the cart's last scan, and suggestions for a checklist: complete product cards, in stock, each with its reason.")
            .ProducesValidationProblem();

        app.MapGroup("/api/search/admin/feed").WithTags("Feed administration").RequireAuthorization(ApiKeyRoles.StaffPolicy)
            .MapPost("/rebuild", Rebuild)
            .WithSummary("Writes the product cards from Catalog and counts bought-together again from Cart's paid orders, replacing counts that drifted.");

        return app;
    }

    public static async Task<Results<Ok<FeedResponse>, ProblemHttpResult>> GetFeed([AsParameters] FeedRequest request, [FromServices] FeedReader? reader)
    {
        if (reader is null)
        {
            return FeedOff();
        }

        try
        {
            return TypedResults.Ok(await reader.ReadAsync(request));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException) // a dropped connection cancels its commands
        {
            return TypedResults.Problem($"The feed's store did not answer: {exception.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "The feed is unavailable");
        }
    }

    public static async Task<Results<Ok<FeedRebuildOutcome>, ProblemHttpResult>> Rebuild([FromServices] FeedRebuilder? rebuilder, CancellationToken cancellationToken)
    {
        if (rebuilder is null)
        {
            return FeedOff();
        }

        try
        {
            return TypedResults.Ok(await rebuilder.RebuildAsync(cancellationToken));
        }
        catch (HttpRequestException exception)
        {
            return SearchProblems.CatalogUnavailable(exception);
        }
        catch (CartOrdersUnavailableException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cart's orders are unavailable");
        }
        catch (RedisException exception)
        {
            return TypedResults.Problem($"The feed's store did not answer: {exception.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "The feed is unavailable");
        }
    }

    private static ProblemHttpResult FeedOff() =>
        TypedResults.Problem("The feed needs Redis (ConnectionStrings:cache), which is not configured.", statusCode: StatusCodes.Status503ServiceUnavailable, title: "The feed is off");
}
