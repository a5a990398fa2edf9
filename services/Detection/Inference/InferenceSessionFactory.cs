using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace IceCheckout.Detection.Inference;

public static class InferenceSessionFactory
{
    public const string Cuda = "CUDA";
    public const string Cpu = "CPU";

    /// <summary>
    /// Opens the model on CUDA when asked for (or on <see cref="ExecutionProviderPreference.Auto"/>) and on CPU otherwise.
    /// The CPU build of ONNX Runtime has no CUDA entry point (EntryPointNotFoundException) and a GPU build without a usable
    /// GPU throws OnnxRuntimeException: both fall back to CPU with one log line.
    /// </summary>
    public static (InferenceSession Session, string Provider) Create(
        byte[] model,
        ExecutionProviderPreference preference,
        int cudaDeviceId,
        int intraOpThreads,
        ILogger logger)
    {
        if (preference != ExecutionProviderPreference.Cpu)
        {
            try
            {
                using var cudaOptions = CreateOptions(intraOpThreads);
                cudaOptions.AppendExecutionProvider_CUDA(cudaDeviceId);
                return (new InferenceSession(model, cudaOptions), Cuda);
            }
            catch (Exception exception) when (exception is EntryPointNotFoundException or DllNotFoundException or OnnxRuntimeException)
            {
                logger.Log(
                    preference == ExecutionProviderPreference.Cuda ? LogLevel.Warning : LogLevel.Information,
                    "CUDA execution provider unavailable ({Reason}); the detector runs on CPU.",
                    exception.GetType().Name + ": " + exception.Message);
            }
        }

        using var options = CreateOptions(intraOpThreads);
        return (new InferenceSession(model, options), Cpu);
    }

    private static SessionOptions CreateOptions(int intraOpThreads)
    {
        var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };

        // Idle inference threads sleep instead of spinning, leaving the cores to the decoding of concurrent requests.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        if (intraOpThreads > 0)
        {
            options.IntraOpNumThreads = intraOpThreads;
        }

        return options;
    }
}
