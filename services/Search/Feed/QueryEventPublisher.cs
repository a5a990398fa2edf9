using IceCheckout.Messaging;

namespace IceCheckout.Search.Feed;

/// <summary>Publishes the sampled searches; with the broker down a sample is dropped with a warning.</summary>
public sealed class QueryEventPublisher(QuerySampler sampler, IEventPublisher publisher, ILogger<QueryEventPublisher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var sample in sampler.Samples.ReadAllAsync(stoppingToken))
        {
            try
            {
                await publisher.PublishAsync(sample, stoppingToken);
            }
            catch (MessagingUnavailableException exception)
            {
                logger.LogWarning("A sampled search was not published: {Reason}", exception.Message);
            }
        }
    }
}
