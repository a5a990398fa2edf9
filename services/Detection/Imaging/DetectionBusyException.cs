namespace IceCheckout.Detection.Imaging;

/// <summary>Too many images are being decoded or waiting to be: the request is shed, to be tried again after <see cref="RetryAfter"/>.</summary>
public sealed class DetectionBusyException(TimeSpan retryAfter)
    : Exception($"Detection is busy with other images; try again in {retryAfter.TotalSeconds:0} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
