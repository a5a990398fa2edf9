using System.ComponentModel.DataAnnotations;
using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection;

/// <summary>The <c>Detection</c> configuration section.</summary>
public sealed class DetectionOptions
{
    public const string SectionName = "Detection";

    /// <summary>The ONNX model; a relative path is looked up next to the service's binaries, then under its content root.</summary>
    [Required]
    public string ModelPath { get; set; } = "models/ice-detector.onnx";

    /// <summary>Load the model file again when it changes, and serve it once it loads (a staff request can also ask for it).</summary>
    public bool WatchModelFile { get; set; } = true;

    /// <summary>How long the model file must stay unchanged before it is loaded: a copy arrives as several writes.</summary>
    [Range(0, 60_000)]
    public int ModelFileSettleMilliseconds { get; set; } = 500;

    public ExecutionProviderPreference ExecutionProvider { get; set; } = ExecutionProviderPreference.Auto;

    [Range(0, 16)]
    public int CudaDeviceId { get; set; }

    /// <summary>Threads ONNX Runtime uses inside one run; 0 lets it choose.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    [Range(0.0, 1.0)]
    public float ConfidenceThreshold { get; set; } = 0.4f;

    [Range(0.0, 1.0)]
    public float IouThreshold { get; set; } = 0.5f;

    /// <summary>
    /// Detections scoring below this are ones the kiosk should ask about ("is this right?"); reported by /info. Chosen with
    /// tools/train/sure_level.py on a tuning set: see the model card.
    /// </summary>
    [Range(0.0, 1.0)]
    public float SureScore { get; set; } = 0.75f;

    /// <summary>
    /// Boxes of different classes overlapping more than this are one product seen twice, and the higher score stays;
    /// 1 turns it off. One product lies in one place: this is what keeps two look-alikes from both being counted.
    /// </summary>
    [Range(0.0, 1.0)]
    public float CrossClassIouThreshold { get; set; } = 0.7f;

    /// <summary>Report every class above the threshold for a box instead of its best one (how mAP is measured; no cross-class suppression).</summary>
    public bool MultiLabel { get; set; }

    [Range(1, 1000)]
    public int MaxDetections { get; set; } = 100;

    /// <summary>
    /// Most images one model run takes; a model with a fixed batch axis caps it. Unset: 8 on CUDA, 1 on the CPU,
    /// where a batch costs as much per image as single runs and gathering one only adds waiting.
    /// </summary>
    [Range(1, 128)]
    public int? MaxBatchSize { get; set; }

    /// <summary>How long the first request of a batch waits for others to join it.</summary>
    [Range(0, 1000)]
    public int BatchWaitMilliseconds { get; set; } = 2;

    /// <summary>Batches that may run at the same time (each on its own loop over the shared session).</summary>
    [Range(1, 64)]
    public int InferenceWorkers { get; set; } = 1;

    /// <summary>How long a result stays in Redis; 0 turns the cache off.</summary>
    [Range(0, 86_400)]
    public int CacheSeconds { get; set; } = 300;

    /// <summary>The most a cache read or write may delay a request before it is given up.</summary>
    [Range(1, 10_000)]
    public int CacheTimeoutMilliseconds { get; set; } = 250;

    [Range(1, 512L * 1024 * 1024)]
    public long MaxImageBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Width x height refused before decoding, so that a small file cannot make the service allocate gigabytes.</summary>
    [Range(1, 1_000_000_000L)]
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Images decoded at the same time; further requests wait (see <see cref="MaxWaitingDecodes"/>).</summary>
    [Range(1, 256)]
    public int MaxConcurrentDecodes { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Decoded pixels (4 bytes each) held at once across requests: what bounds decoding memory.</summary>
    [Range(1, 4_000_000_000L)]
    public long MaxDecodedPixelsInFlight { get; set; } = 80_000_000;

    /// <summary>Requests that may wait to decode; the next one is answered 503 with <c>Retry-After</c>.</summary>
    [Range(0, 10_000)]
    public int MaxWaitingDecodes { get; set; } = 32;
}
