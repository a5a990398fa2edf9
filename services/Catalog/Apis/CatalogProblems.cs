using Microsoft.AspNetCore.Mvc;

namespace IceCheckout.Catalog.Apis;

public static class CatalogProblems
{
    public static ProblemDetails ProductNotFound(string idOrSku) =>
        NotFound("Product not found", $"No product '{idOrSku}' in the catalogue.");

    public static ProblemDetails NotFound(string title, string detail) =>
        new() { Status = StatusCodes.Status404NotFound, Title = title, Detail = detail };

    public static ProblemDetails Conflict(string title, string detail) =>
        new() { Status = StatusCodes.Status409Conflict, Title = title, Detail = detail };
}
