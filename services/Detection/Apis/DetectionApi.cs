using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Model;
using IceCheckout.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IceCheckout.Detection.Apis;

public static class DetectionApi
{
    public static IEndpointRouteBuilder MapDetectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/detection").WithTags("Detection");

        api.MapPost("/detect", DetectAsync)
            .WithName("Detect")
            .WithSummary("Detects the products in one image")
            .WithDescription("Send the image as the raw body (image/jpeg, image/png, image/webp) or as the 'image' field of a multipart/form-data form. Boxes are in the pixels of the image as displayed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/info", GetInfo)
            .WithName("ModelInfo")
            .WithSummary("The model in service (version, SHA-256 of the file), its classes and input size, and the execution provider in use");

        api.MapPost("/model/reload", ReloadModelAsync)
            .WithName("ReloadModel")
            .WithSummary("Loads the model file again and swaps it in when it changed (staff)")
            .WithDescription("Requests in flight finish on the model they started with; a file that does not load leaves the model in service as it is (422).")
            .RequireAuthorization(ApiKeyRoles.StaffPolicy)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    public static async Task<Results<Ok<DetectionResponse>, ProblemHttpResult>> DetectAsync(
        HttpRequest request,
        ObjectDetector detector,
        IOptions<DetectionOptions> options,
        CancellationToken cancellationToken)
    {
        try
        {
            var image = await ImageUploadReader.ReadAsync(request, options.Value.MaxImageBytes, cancellationToken);
            return TypedResults.Ok(await detector.DetectAsync(image, cancellationToken));
        }
        catch (ImageRejectedException rejected)
        {
            return TypedResults.Problem(rejected.Message, statusCode: rejected.StatusCode, title: rejected.Title);
        }
        catch (DetectionBusyException busy)
        {
            request.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(busy.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Busy");
        }
    }

    public static Ok<ModelInfoResponse> GetInfo(DetectorModel models, InferenceBatcher batcher, IOptions<DetectionOptions> options) =>
        TypedResults.Ok(Describe(models.Current, batcher, options.Value));

    public static async Task<Results<Ok<ModelReloadResponse>, ProblemHttpResult>> ReloadModelAsync(
        ModelReloader reloader,
        InferenceBatcher batcher,
        IOptions<DetectionOptions> options,
        CancellationToken cancellationToken)
    {
        var outcome = await reloader.ReloadAsync(cancellationToken);
        if (outcome.Result == ModelReloadResult.Failed)
        {
            return TypedResults.Problem(outcome.Failure, statusCode: StatusCodes.Status422UnprocessableEntity, title: "The model file could not be loaded");
        }

        return TypedResults.Ok(new ModelReloadResponse(
            outcome.Result == ModelReloadResult.Swapped ? "swapped" : "unchanged",
            Describe(outcome.InService, batcher, options.Value),
            outcome.Previous?.Version,
            outcome.Previous?.Sha256));
    }

    private static ModelInfoResponse Describe(OnnxDetector model, InferenceBatcher batcher, DetectionOptions options) =>
        new(
            model.ModelName,
            model.Version,
            model.Sha256,
            model.Description,
            model.ClassNames,
            model.InputWidth,
            model.InputHeight,
            model.Output.Layout.ToString(),
            model.ExecutionProvider,
            batcher.MaxBatchSize,
            options.ConfidenceThreshold,
            options.IouThreshold,
            options.SureScore);
}
