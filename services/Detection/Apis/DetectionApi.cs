using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Model;
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
            .WithSummary("The model, its classes and input size, and the execution provider in use");

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

    public static Ok<ModelInfoResponse> GetInfo(OnnxDetector model, InferenceBatcher batcher, IOptions<DetectionOptions> options) =>
        TypedResults.Ok(new ModelInfoResponse(
            model.ModelName,
            model.Description,
            model.ClassNames,
            model.InputWidth,
            model.InputHeight,
            model.Output.Layout.ToString(),
            model.ExecutionProvider,
            batcher.MaxBatchSize,
            options.Value.ConfidenceThreshold,
            options.Value.IouThreshold));
}
