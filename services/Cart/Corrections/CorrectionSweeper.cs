using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Corrections;

/// <summary>Deletes corrected scans after <see cref="CorrectionOptions.RetentionDays"/> and uncorrected ones after <see cref="CorrectionOptions.UncorrectedLifetime"/>.</summary>
public sealed class CorrectionSweeper(IFrameStore store, IOptions<CorrectionOptions> options, TimeProvider time, ILogger<CorrectionSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(exception, "Expired scans could not be deleted");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var deleted = 0;
        await foreach (var folder in store.ListFoldersAsync(cancellationToken))
        {
            var corrected = await store.ExistsAsync($"{folder.Name}/{CorrectionRecorder.CorrectionFile}", cancellationToken);
            var lifetime = corrected ? TimeSpan.FromDays(settings.RetentionDays) : settings.UncorrectedLifetime;
            if (folder.LastWritten + lifetime < now)
            {
                await store.DeleteFolderAsync(folder.Name, cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }
}
