using System.Net.Http.Json;
using IceCheckout.Detection.Model;
using IceCheckout.Detection.Tests.Support;
using Microsoft.Extensions.Options;

namespace IceCheckout.Detection.Tests;

public class ConfigurationTests
{
    [Fact]
    public void An_invalid_threshold_stops_the_service_at_start()
    {
        using var factory = new DetectionServiceFactory(
            TestModels.PathOf(TestModels.YoloV8), new Dictionary<string, string?> { ["Detection:ConfidenceThreshold"] = "1.5" });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("ConfidenceThreshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_stops_the_service_at_start_naming_the_path()
    {
        using var factory = new DetectionServiceFactory("/nowhere/detector.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => factory.CreateClient());

        Assert.Contains("/nowhere/detector.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Batch_size_and_thresholds_come_from_configuration_and_a_yolov5_model_drops_in()
    {
        using var factory = new DetectionServiceFactory(
            TestModels.PathOf(TestModels.YoloV5),
            new Dictionary<string, string?>
            {
                ["Detection:MaxBatchSize"] = "4",
                ["Detection:ConfidenceThreshold"] = "0.8",
                ["Detection:IouThreshold"] = "0.6",
                ["Detection:ExecutionProvider"] = "Auto",
            });
        using var client = factory.CreateClient();

        var info = await client.GetFromJsonAsync<ModelInfoResponse>("/api/detection/info");

        Assert.NotNull(info);
        Assert.Equal(("yolov5-tiny", "YoloV5", 4), (info.Model, info.OutputLayout, info.MaxBatchSize));
        Assert.Equal((0.8f, 0.6f), (info.ConfidenceThreshold, info.IouThreshold));
        Assert.Equal(CudaMachine.ExpectedProvider, info.ExecutionProvider);
    }
}
