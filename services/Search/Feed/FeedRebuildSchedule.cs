using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace IceCheckout.Search.Feed;

/// <summary>
/// Writes the product cards from Catalog at start-up when the feed holds none yet (retrying with backoff until Catalog
/// answers), then runs the whole offline rebuild every <see cref="FeedOptions.RebuildInterval"/>.
/// </summary>
public sealed class FeedRebuildSchedule(
    FeedRebuilder rebuilder,
    IConnectionMultiplexer redis,
    FeedKeys keys,
    IOptions<FeedOptions> options,
    IOptions<SearchOptions> searchOptions,
    TimeProvider time,
    ILogger<FeedRebuildSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested && !await HasCardsAsync())
        {
            try
            {
                await rebuilder.WriteCardsAsync(stoppingToken);
                break;
            }
            catch (Exception exception) when (exception is HttpRequestException or RedisException)
            {
                logger.LogWarning("The feed's product cards could not be written yet: {Reason}", exception.Message);
            }

            await Task.Delay(backoff, time, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, searchOptions.Value.RebuildMaxBackoff.Ticks));
        }

        var interval = options.Value.RebuildInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TryRebuildAsync(stoppingToken);
        }
    }

    private async Task<bool> HasCardsAsync()
    {
        try
        {
            return await redis.GetDatabase().HashLengthAsync(keys.Cards) > 0;
        }
        catch (RedisException)
        {
            return false;
        }
    }

    private async Task TryRebuildAsync(CancellationToken stoppingToken)
    {
        try
        {
            await rebuilder.RebuildAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or CartOrdersUnavailableException or RedisException)
        {
            logger.LogWarning("The feed could not be rebuilt: {Reason}", exception.Message);
        }
    }
}
