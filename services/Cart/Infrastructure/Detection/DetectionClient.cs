using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using IceCheckout.Messaging;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Infrastructure.Detection;

/// <summary>Asks the Detection workers about every frame at once over the <c>detection.requests</c> RPC queue.</summary>
public sealed class DetectionClient(IRpcClient rpc, IOptions<ScanOptions> options)
{
    /// <summary>
    /// All frames in parallel, within one overall timeout. Throws <see cref="RpcTimeoutException"/> or
    /// <see cref="MessagingUnavailableException"/> when Detection is slow or down, <see cref="RpcRemoteException"/> when it
    /// rejects a frame.
    /// </summary>
    public async Task<IReadOnlyList<DetectionResponse>> DetectAsync(IReadOnlyList<ScanFrame> frames, Guid scanId, CancellationToken cancellationToken)
    {
        var scan = options.Value;
        return await Task.WhenAll(frames.Select((frame, index) => rpc.CallAsync<DetectionRequest, DetectionResponse>(
            scan.DetectionQueue,
            new DetectionRequest(frame.Image, frame.ContentType, $"{scanId:N}-{index}"),
            scan.DetectionTimeout,
            cancellationToken)));
    }
}

public sealed record ScanFrame(byte[] Image, string ContentType);
