using IceCheckout.Detection.Batching;
using IceCheckout.Detection.Imaging;
using IceCheckout.Detection.Inference;
using IceCheckout.Detection.Infrastructure;
using IceCheckout.Detection.Model;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using IceCheckout.ServiceDefaults.Authentication;
using Microsoft.Extensions.Options;

namespace IceCheckout.Detection.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<DetectionOptions>()
            .Bind(builder.Configuration.GetSection(DetectionOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<DetectionTelemetry>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DetectionOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            return new DetectorModel(OnnxDetector.Load(
                ResolveModelPath(options.ModelPath, environment.ContentRootPath),
                options.ExecutionProvider,
                options.CudaDeviceId,
                options.IntraOpThreads,
                provider.GetRequiredService<ILogger<OnnxDetector>>()));
        });
        services.AddSingleton<ModelReloader>();
        services.AddHostedService(provider => provider.GetRequiredService<ModelReloader>());
        services.AddSingleton<ImageDecoder>();
        services.AddSingleton<InferenceBatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<InferenceBatcher>());
        services.AddSingleton<DetectionCache>();
        services.AddSingleton<ObjectDetector>();

        builder.AddApiKeyAuthentication(DetectionOptions.SectionName);
        services.AddHealthChecks().AddCheck<DetectorHealthCheck>("detector", tags: [Microsoft.Extensions.Hosting.Extensions.LiveTag]);

        // Cart's way in: RPC on detection.requests, fed into the same batcher; several instances share the queue.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("messaging")))
        {
            builder.AddRabbitMqMessaging("messaging")
                .AddRpcWorker<DetectionRequest, DetectionResponse, DetectionRpcHandler>(DetectionRpcHandler.Queue, maxConcurrency: 8);
        }

        // The cache is optional: without Redis every request runs the model.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("cache")))
        {
            builder.AddRedisConnection("cache", HealthStatus.Degraded);
        }
    }

    /// <summary>A relative model path is looked up next to the binaries (where the build copies the model), then under the content root.</summary>
    public static string ResolveModelPath(string modelPath, string contentRoot)
    {
        if (Path.IsPathRooted(modelPath))
        {
            return modelPath;
        }

        var besideBinaries = Path.Combine(AppContext.BaseDirectory, modelPath);
        return File.Exists(besideBinaries) ? besideBinaries : Path.Combine(contentRoot, modelPath);
    }
}
