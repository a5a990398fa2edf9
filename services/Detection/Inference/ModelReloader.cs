using System.Threading.Channels;
using IceCheckout.Detection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace IceCheckout.Detection.Inference;

/// <summary>
/// Loads the model file again, on a staff request or when the file changes (<see cref="DetectionOptions.WatchModelFile"/>),
/// and swaps it in when its bytes differ. A file that does not load leaves the model in service as it is.
/// </summary>
public sealed class ModelReloader(
    DetectorModel models,
    IOptions<DetectionOptions> options,
    IHostEnvironment environment,
    ILogger<ModelReloader> logger) : BackgroundService
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly string _modelPath = Extensions.Extensions.ResolveModelPath(options.Value.ModelPath, environment.ContentRootPath);

    /// <summary>Why the last reload failed; null once a reload succeeds or finds the file unchanged.</summary>
    public string? LastFailure { get; private set; }

    public async Task<ModelReloadOutcome> ReloadAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var current = models.Current;
            OnnxDetector next;
            try
            {
                // Loading takes a while (session, optimisation, a probe run): off the caller's thread.
                next = await Task.Run(
                    () => OnnxDetector.Load(_modelPath, options.Value.ExecutionProvider, options.Value.CudaDeviceId, options.Value.IntraOpThreads, logger),
                    CancellationToken.None);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or OnnxRuntimeException or InvalidOperationException)
            {
                LastFailure = $"{_modelPath} could not be loaded ({exception.Message}); still serving {current.ModelName} {current.Version}.";
                logger.LogWarning(exception, "Model reload failed: {Reason}", LastFailure);
                return ModelReloadOutcome.Failed(current, LastFailure);
            }

            LastFailure = null;
            if (next.Sha256 == current.Sha256)
            {
                next.Dispose();
                return ModelReloadOutcome.Unchanged(current);
            }

            models.Swap(next);
            logger.LogInformation("Model {Version} (SHA-256 {Sha256}) in service, replacing {PreviousVersion}.", next.Version, next.Sha256, current.Version);
            return ModelReloadOutcome.Swapped(next, current);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchModelFile || Path.GetDirectoryName(_modelPath) is not { Length: > 0 } directory || !Directory.Exists(directory))
        {
            return;
        }

        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(directory, Path.GetFileName(_modelPath))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => changes.Writer.TryWrite(true);
        watcher.Created += (_, _) => changes.Writer.TryWrite(true);
        watcher.Renamed += (_, _) => changes.Writer.TryWrite(true);
        watcher.EnableRaisingEvents = true;

        var settle = TimeSpan.FromMilliseconds(options.Value.ModelFileSettleMilliseconds);
        try
        {
            while (await changes.Reader.WaitToReadAsync(stoppingToken))
            {
                // A copy arrives as several writes: wait until the file has been quiet for a moment, then load it once.
                do
                {
                    changes.Reader.TryRead(out _);
                    await Task.Delay(settle, stoppingToken);
                }
                while (changes.Reader.TryPeek(out _));

                await ReloadAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }
}
