using Microsoft.AspNetCore.Http.HttpResults;

namespace IceCheckout.Catalog.Apis;

public static class CatalogProblems
{
    public static ProblemHttpResult ProductNotFound(object idOrSku) =>
        NotFound("Product not found", $"No product '{idOrSku}' in the catalogue.");

    public static ProblemHttpResult NotFound(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
