using IceCheckout.Detection.Inference;
using Microsoft.ML.OnnxRuntime;

namespace IceCheckout.Detection.Tests.Support;

/// <summary>
/// What the tests expect the detector to run on, from facts about this build and machine rather than from the code under
/// test: CUDA when ONNX Runtime is the GPU build (<c>-p:OnnxRuntimeGpu=true</c>) and an NVIDIA GPU is there, CPU otherwise.
/// </summary>
public static class CudaMachine
{
    public static bool IsGpuBuild { get; } = OrtEnv.Instance().GetAvailableProviders().Contains("CUDAExecutionProvider");

    public static bool HasNvidiaGpu { get; } =
        Directory.Exists("/proc/driver/nvidia/gpus") && Directory.EnumerateFileSystemEntries("/proc/driver/nvidia/gpus").Any();

    public static bool CanRunCuda => IsGpuBuild && HasNvidiaGpu;

    /// <summary>The provider a detector that may use CUDA (Auto or Cuda) is expected to report.</summary>
    public static string ExpectedProvider => CanRunCuda ? InferenceSessionFactory.Cuda : InferenceSessionFactory.Cpu;
}
