using IceCheckout.Catalog.Model;
using IceCheckout.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IceCheckout.Catalog.Infrastructure.Outbox;

/// <summary>
/// Publishes unsent outbox rows in commit order, each after the broker's confirm, and marks them sent. Rows are locked
/// with <c>FOR UPDATE SKIP LOCKED</c>, so several instances share the work without publishing a row twice. While the
/// broker is down it backs off and the rows wait.
/// </summary>
public sealed class OutboxRelay(
    IServiceScopeFactory scopeFactory,
    OutboxSignal signal,
    DatabaseReadiness readiness,
    IOptions<OutboxRelayOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly OutboxRelayOptions _options = options.Value;
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var backoff = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                backoff = TimeSpan.Zero;
                await PurgeSentAsync(stoppingToken);
                if (published == _options.BatchSize)
                {
                    continue;
                }

                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                backoff = backoff == TimeSpan.Zero
                    ? TimeSpan.FromMilliseconds(500)
                    : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
                logger.LogWarning(ex, "Publishing outbox messages failed; retrying in {Backoff}", backoff);
                await Task.Delay(backoff, stoppingToken);
            }
        }
    }

    private async Task PurgeSentAsync(CancellationToken cancellationToken)
    {
        if (DateTimeOffset.UtcNow < _nextPurge)
        {
            return;
        }

        _nextPurge = DateTimeOffset.UtcNow.AddHours(1);
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<CatalogContext>();
        var before = DateTimeOffset.UtcNow - _options.RetainSent;
        var deleted = await context.OutboxMessages.Where(m => m.SentAt != null && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} outbox messages published before {Before}", deleted, before);
        }
    }

    private async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<CatalogContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var batch = await context.OutboxMessages
            .FromSqlRaw(
                "SELECT * FROM `OutboxMessages` WHERE `SentAt` IS NULL ORDER BY `Id` LIMIT {0} FOR UPDATE SKIP LOCKED",
                _options.BatchSize)
            .ToListAsync(cancellationToken);

        var published = 0;
        try
        {
            foreach (var message in batch)
            {
                message.Attempts++;
                await publisher.PublishAsync(
                    new OutgoingMessage(
                        message.RoutingKey,
                        message.MessageId,
                        System.Text.Encoding.UTF8.GetBytes(message.Payload),
                        message.TraceParent,
                        message.TraceState),
                    cancellationToken);
                message.SentAt = DateTimeOffset.UtcNow;
                published++;
            }
        }
        finally
        {
            // What was confirmed is marked sent even when a later message of the batch failed.
            await context.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        if (published > 0)
        {
            logger.LogDebug("Published {Count} outbox messages", published);
        }

        return published;
    }
}
