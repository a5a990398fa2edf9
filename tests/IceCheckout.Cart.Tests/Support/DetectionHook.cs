extern alias DetectionService;
using IceCheckout.Messaging;
using DetectionRequest = DetectionService::IceCheckout.Detection.Model.DetectionRequest;
using DetectionResponse = DetectionService::IceCheckout.Detection.Model.DetectionResponse;
using DetectionRpcHandler = DetectionService::IceCheckout.Detection.Infrastructure.DetectionRpcHandler;

namespace IceCheckout.Cart.Tests.Support;

/// <summary>
/// Runs a test's step in the real Detection worker when it has taken a frame, before it looks at it and answers: holding
/// the answer back (a worker that answers too late) or cutting a dependency while the scan is under way.
/// </summary>
public sealed class DetectionHook
{
    private volatile Func<CancellationToken, Task>? _beforeAnswer;
    private int _answered;

    /// <summary>How many answers the worker has sent since the hook was set.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public void BeforeAnswer(Func<CancellationToken, Task> step)
    {
        Interlocked.Exchange(ref _answered, 0);
        _beforeAnswer = step;
    }

    internal sealed class Handler(DetectionRpcHandler detection, DetectionHook hook) : IRpcHandler<DetectionRequest, DetectionResponse>
    {
        public async Task<DetectionResponse> HandleAsync(DetectionRequest request, CancellationToken cancellationToken)
        {
            if (hook._beforeAnswer is { } step)
            {
                await step(cancellationToken);
            }

            var response = await detection.HandleAsync(request, cancellationToken);

            Interlocked.Increment(ref hook._answered);
            return response;
        }
    }
}
