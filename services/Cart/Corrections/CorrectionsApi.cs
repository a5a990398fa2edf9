using IceCheckout.Cart.Apis;
using IceCheckout.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceCheckout.Cart.Corrections;

public static class CorrectionsApi
{
    public const int MaxListed = 500;

    public static RouteGroupBuilder MapCorrectionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/carts/corrections").WithTags("Corrections").RequireAuthorization(ApiKeyRoles.StaffPolicy);

        api.MapGet("/", List).WithSummary("Scans shoppers corrected, newest first: detections as served, final products, each box's verdict, products without a box (staff).");
        api.MapGet("/summary", Summary).WithSummary("Which products the camera confuses most, over every kept correction (staff).");
        api.MapGet("/{scanId:guid}/frames/{index:int}", Frame).WithSummary("A kept frame of a corrected scan (staff).");

        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<CorrectionRecord>>, ProblemHttpResult>> List(CorrectionQueries corrections, CancellationToken cancellationToken, int max = 50) =>
        max is < 1 or > MaxListed
            ? CartProblems.Invalid("max", $"max must be between 1 and {MaxListed}.")
            : TypedResults.Ok(await corrections.ListAsync(max, cancellationToken));

    public static async Task<Results<Ok<CorrectionSummary>, ProblemHttpResult>> Summary(CorrectionQueries corrections, CancellationToken cancellationToken, int top = 20) =>
        top is < 1 or > 100
            ? CartProblems.Invalid("top", "top must be between 1 and 100.")
            : TypedResults.Ok(await corrections.SummarizeAsync(top, cancellationToken));

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Frame(Guid scanId, int index, CorrectionQueries corrections, CancellationToken cancellationToken) =>
        await corrections.FrameAsync(scanId, index, cancellationToken) is { } frame
            ? TypedResults.File(frame.Content, frame.ContentType)
            : CartProblems.NotFound($"No kept frame {index} of scan {scanId}.");
}
