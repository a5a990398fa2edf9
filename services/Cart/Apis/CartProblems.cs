using IceCheckout.Cart.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceCheckout.Cart.Apis;

public static class CartProblems
{
    /// <summary>How long a client should wait before retrying after a 503.</summary>
    public const int RetryAfterSeconds = 5;

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult Conflict(string title, string detail) => Problem(StatusCodes.Status409Conflict, title, detail);

    public static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    /// <summary>400 in the shape of a validation problem: the field and what is wrong with it.</summary>
    public static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
            Detail = detail,
        });

    /// <summary>503 with <c>Retry-After</c>: a dependency is down or slow and nothing was changed.</summary>
    public static ProblemHttpResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable", detail);
    }

    /// <summary>The HTTP answer to a failed cart operation.</summary>
    public static ProblemHttpResult Of<T>(CartOutcome<T> outcome, HttpResponse response) => outcome.Failure switch
    {
        CartFailure.NotFound => NotFound(outcome.Detail!),
        CartFailure.Closed => Conflict("Cart closed", outcome.Detail!),
        CartFailure.Invalid => Invalid(outcome.Field!, outcome.Detail!),
        _ => Unavailable(response, outcome.Detail!),
    };
}
