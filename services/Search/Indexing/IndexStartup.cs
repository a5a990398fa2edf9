using IceCheckout.Search.Engines;
using Microsoft.Extensions.Options;

namespace IceCheckout.Search.Indexing;

/// <summary>
/// At start-up, builds the index from Catalog if it is empty, retrying with backoff while Catalog (or the engine) does
/// not answer; the service serves meanwhile and its health says Degraded.
/// </summary>
public sealed class IndexStartup(
    IProductIndex index,
    IndexRebuilder rebuilder,
    IndexState state,
    IOptions<SearchOptions> options,
    ILogger<IndexStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await index.CountAsync(stoppingToken) > 0)
                {
                    state.MarkBuilt();
                    return;
                }

                await rebuilder.RebuildAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                state.MarkWaiting($"The index is empty and could not be built yet: {exception.Message}");
                logger.LogWarning("The index is empty and could not be built from Catalog yet ({Reason}); next attempt in {Backoff}", exception.Message, backoff);
            }

            await Task.Delay(backoff, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.RebuildMaxBackoff.Ticks));
        }
    }
}
