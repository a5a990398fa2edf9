using System.Data;
using IceCheckout.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IceCheckout.Outbox;

/// <summary>
/// Publishes the unsent outbox rows of <typeparamref name="TContext"/>. A batch is claimed in a short transaction
/// (<c>FOR UPDATE SKIP LOCKED</c>, read committed, so no gap locks: product and stock writes never wait for the broker),
/// which moves the rows' <see cref="OutboxMessage.AvailableAt"/> past a lease; the rows are then published outside any
/// transaction, each after the broker's confirm, and marked sent one by one. A row that fails waits out its own backoff
/// while the rows after it go on; several instances share the work without publishing a row twice while its lease holds.
/// </summary>
public sealed class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    OutboxSignal signal,
    OutboxReadiness<TContext> readiness,
    IOptionsMonitor<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService where TContext : DbContext
{
    private readonly OutboxOptions _options = options.Get(typeof(TContext).Name);
    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WaitAsync(stoppingToken);
        var pause = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (claimed, published) = await RelayBatchAsync(stoppingToken);
                await PurgeSentAsync(stoppingToken);
                pause = published > 0 || claimed == 0 ? TimeSpan.Zero : Backoff(pause);
                if (claimed == _options.BatchSize && published > 0)
                {
                    continue;
                }

                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, time, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                pause = Backoff(pause);
                logger.LogWarning(ex, "Relaying outbox messages failed; retrying in {Backoff}", pause);
                await Task.Delay(pause, time, stoppingToken);
            }
        }
    }

    /// <summary>Claims a batch, publishes it, and says how many rows it claimed and published.</summary>
    public async Task<(int Claimed, int Published)> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IEventPublisher>();

        var batch = await ClaimAsync(context, cancellationToken);
        var published = 0;
        foreach (var message in batch)
        {
            try
            {
                await publisher.PublishAsync(
                    new OutgoingMessage(message.RoutingKey, message.MessageId, System.Text.Encoding.UTF8.GetBytes(message.Payload), message.TraceParent, message.TraceState),
                    cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var retryAt = time.GetUtcNow() + Backoff(message.Attempts + 1);
                var error = ex.Message.Length > 1000 ? ex.Message[..1000] : ex.Message;
                await context.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                    setters => setters.SetProperty(m => m.Attempts, m => m.Attempts + 1).SetProperty(m => m.AvailableAt, retryAt).SetProperty(m => m.LastError, error),
                    CancellationToken.None);
                logger.LogWarning(ex, "Publishing outbox message {MessageId} ({RoutingKey}) failed, attempt {Attempt}; next try at {RetryAt}",
                    message.MessageId, message.RoutingKey, message.Attempts + 1, retryAt);
                continue;
            }

            var sentAt = time.GetUtcNow();
            await context.Set<OutboxMessage>().Where(m => m.Id == message.Id).ExecuteUpdateAsync(
                setters => setters.SetProperty(m => m.SentAt, sentAt).SetProperty(m => m.Attempts, m => m.Attempts + 1),
                CancellationToken.None);
            published++;
        }

        if (published > 0)
        {
            logger.LogDebug("Published {Count} outbox messages", published);
        }

        return (batch.Count, published);
    }

    private async Task<List<OutboxMessage>> ClaimAsync(TContext context, CancellationToken cancellationToken)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        string Column(string name) => sql.DelimitIdentifier(name);
        var now = time.GetUtcNow();

        await using var transaction = await context.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var batch = await context.Set<OutboxMessage>()
            .FromSqlRaw(
                $"SELECT * FROM {Column(OutboxModelBuilderExtensions.TableName)} WHERE {Column(nameof(OutboxMessage.SentAt))} IS NULL " +
                $"AND {Column(nameof(OutboxMessage.AvailableAt))} <= {{0}} ORDER BY {Column(nameof(OutboxMessage.Id))} LIMIT {{1}} FOR UPDATE SKIP LOCKED",
                now, _options.BatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        if (batch.Count > 0)
        {
            var ids = batch.Select(m => m.Id).ToArray();
            var leaseEnds = now + _options.ClaimLease;
            await context.Set<OutboxMessage>().Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(setters => setters.SetProperty(m => m.AvailableAt, leaseEnds), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return batch;
    }

    private async Task PurgeSentAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _nextPurge)
        {
            return;
        }

        _nextPurge = time.GetUtcNow().AddHours(1);
        await using var scope = scopeFactory.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<TContext>();
        var before = time.GetUtcNow() - _options.RetainSent;
        var deleted = await context.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < before).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} outbox messages published before {Before}", deleted, before);
        }
    }

    private TimeSpan Backoff(TimeSpan previous) => previous == TimeSpan.Zero
        ? _options.RetryDelay
        : TimeSpan.FromTicks(Math.Min(previous.Ticks * 2, _options.MaxBackoff.Ticks));

    private TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(_options.RetryDelay.Ticks << Math.Min(attempts - 1, 20), _options.MaxBackoff.Ticks));
}
