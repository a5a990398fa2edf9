namespace IceCheckout.Detection.Inference;

public enum ExecutionProviderPreference
{
    /// <summary>CUDA when the GPU build of ONNX Runtime and a GPU are there, CPU otherwise.</summary>
    Auto,

    /// <summary>CUDA expected; falls back to CPU with a warning when it cannot start.</summary>
    Cuda,

    Cpu,
}
