using IceCheckout.Detection.Inference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IceCheckout.Detection.Tests.Support;

/// <summary>
/// The tiny detectors written by tools/train/make_test_models.py. Their output is a constant plus a function of the
/// image's mean colour, so the expected detections below are worked out by hand from that script.
/// </summary>
public static class TestModels
{
    public const string YoloV8 = "yolov8-tiny.onnx";
    public const string YoloV5 = "yolov5-tiny.onnx";
    public const string FixedBatch = "yolov8-fixed-batch.onnx";

    public const int InputWidth = 96;
    public const int InputHeight = 64;
    public const int InputLength = 3 * InputWidth * InputHeight;

    public static string PathOf(string model) => Path.Combine(AppContext.BaseDirectory, "Models", model);

    public static OnnxDetector Load(string model, ILogger? logger = null, ExecutionProviderPreference preference = ExecutionProviderPreference.Cpu) =>
        OnnxDetector.Load(PathOf(model), preference, cudaDeviceId: 0, intraOpThreads: 1, logger ?? NullLogger.Instance);

    /// <summary>A model input with every pixel of one colour (channels 0..1).</summary>
    public static float[] UniformInput(float red, float green, float blue)
    {
        var input = new float[InputLength];
        const int plane = InputWidth * InputHeight;
        Array.Fill(input, red, 0, plane);
        Array.Fill(input, green, plane, plane);
        Array.Fill(input, blue, 2 * plane, plane);
        return input;
    }
}
