using IceCheckout.Search.Engines;
using IceCheckout.Search.Indexing;
using IceCheckout.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceCheckout.Search.Apis;

public static class SearchAdminApi
{
    public static RouteGroupBuilder MapSearchAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/search").WithTags("Search administration").RequireAuthorization(ApiKeyRoles.StaffPolicy);

        api.MapPost("/reindex", Reindex)
            .WithSummary("Rebuilds the index from Catalog now: every product Catalog lists is written, entries it no longer lists are hidden.");

        return api;
    }

    public static async Task<Results<Ok<RebuildOutcome>, ProblemHttpResult>> Reindex(IndexRebuilder rebuilder, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await rebuilder.RebuildAsync(cancellationToken));
        }
        catch (HttpRequestException exception)
        {
            return SearchProblems.CatalogUnavailable(exception);
        }
        catch (SearchEngineUnavailableException exception)
        {
            return SearchProblems.EngineUnavailable(exception);
        }
    }
}
