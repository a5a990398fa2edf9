using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Model;
using IceCheckout.Messaging;

namespace IceCheckout.Detection.Infrastructure;

/// <summary>Answers <c>detection.requests</c> from Cart. A rejected image fails the call with its reason.</summary>
public sealed class DetectionRpcHandler(ObjectDetector detector, ILogger<DetectionRpcHandler> logger)
    : IRpcHandler<DetectionRequest, DetectionResponse>
{
    public const string Queue = "detection.requests";

    public async Task<DetectionResponse> HandleAsync(DetectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        DetectionResponse response;
        try
        {
            response = await detector.DetectAsync(request.Image ?? [], cancellationToken);
        }
        catch (ImageRejectedException rejected)
        {
            throw new RpcRequestRejectedException(rejected.Message);
        }
        catch (DetectionBusyException busy)
        {
            throw new RpcRequestRejectedException(busy.Message);
        }

        logger.LogDebug("Request {RequestId}: {Count} detections.", request.RequestId, response.Detections.Count);
        return response;
    }
}
