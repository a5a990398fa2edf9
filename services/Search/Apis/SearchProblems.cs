using IceCheckout.Search.Engines;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceCheckout.Search.Apis;

public static class SearchProblems
{
    public static ProblemHttpResult EngineUnavailable(SearchEngineUnavailableException exception) =>
        TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Search is unavailable");

    public static ProblemHttpResult CatalogUnavailable(HttpRequestException exception) =>
        TypedResults.Problem($"Catalog did not answer: {exception.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Catalog is unavailable");
}
