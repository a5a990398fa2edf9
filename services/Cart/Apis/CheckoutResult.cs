using IceCheckout.Cart.Services;

namespace IceCheckout.Cart.Apis;

/// <summary>Writes a checkout's answer exactly as stored for its key, so a replay is the first answer byte for byte.</summary>
public sealed class CheckoutResult(CheckoutAnswer answer) : IResult
{
    public CheckoutAnswer Answer { get; } = answer;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = Answer.Status;
        response.ContentType = Answer.IsProblem ? "application/problem+json" : "application/json";
        if (Answer.Replayed)
        {
            response.Headers["Idempotent-Replayed"] = "true";
        }

        if (Answer.Status is StatusCodes.Status202Accepted or StatusCodes.Status409Conflict or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers.RetryAfter = CartProblems.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await response.WriteAsync(Answer.Body, httpContext.RequestAborted);
    }
}
