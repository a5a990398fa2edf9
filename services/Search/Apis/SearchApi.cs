using IceCheckout.Search.Engines;
using IceCheckout.Search.Feed;
using IceCheckout.Search.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IceCheckout.Search.Apis;

public static class SearchApi
{
    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search");

        api.MapGet("/products", SearchProducts)
            .WithSummary("Products matching what the shopper typed (Korean, English, 초성, keyboard slips, one-key typos), best first, with category counts.")
            .ProducesValidationProblem();
        api.MapGet("/suggest", Suggest)
            .WithSummary("Product names to offer while the shopper types, one keystroke at a time.")
            .ProducesValidationProblem();

        return api;
    }

    public static async Task<Results<Ok<ProductSearchResponse>, ProblemHttpResult>> SearchProducts(
        [AsParameters] ProductSearchRequest request, ProductSearch search, [FromServices] QuerySampler? queries, CancellationToken cancellationToken)
    {
        try
        {
            var found = await search.SearchAsync(request, cancellationToken);
            queries?.Offer(request.Q, found.Total);
            return TypedResults.Ok(found);
        }
        catch (SearchEngineUnavailableException exception)
        {
            return SearchProblems.EngineUnavailable(exception);
        }
    }

    public static async Task<Results<Ok<SuggestResponse>, ProblemHttpResult>> Suggest(
        [AsParameters] SuggestRequest request, ProductSearch search, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await search.SuggestAsync(request, cancellationToken));
        }
        catch (SearchEngineUnavailableException exception)
        {
            return SearchProblems.EngineUnavailable(exception);
        }
    }
}
