using System.Threading.Channels;
using IceCheckout.Search.Feed.Events;
using Microsoft.Extensions.Options;

namespace IceCheckout.Search.Feed;

/// <summary>
/// Picks <see cref="FeedOptions.QuerySampleRate"/> of the searches and queues them for <see cref="QueryEventPublisher"/>,
/// so a search never waits for the broker. A full queue drops the sample.
/// </summary>
public sealed class QuerySampler(IOptions<FeedOptions> options)
{
    private const int QueueLength = 1000;

    private readonly Channel<SearchQueryPerformedIntegrationEvent> queue = Channel.CreateBounded<SearchQueryPerformedIntegrationEvent>(
        new BoundedChannelOptions(QueueLength) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public ChannelReader<SearchQueryPerformedIntegrationEvent> Samples => queue.Reader;

    public void Offer(string? query, long resultCount)
    {
        var rate = options.Value.QuerySampleRate;
        if (rate <= 0 || Normalize(query) is not { } normalized || (rate < 1 && Random.Shared.NextDouble() >= rate))
        {
            return;
        }

        queue.Writer.TryWrite(new SearchQueryPerformedIntegrationEvent(normalized, resultCount));
    }

    /// <summary>Trimmed, lower case, runs of white space as one space; nothing for an empty query.</summary>
    public static string? Normalize(string? query)
    {
        var words = (query ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0 ? null : string.Join(' ', words).ToLowerInvariant();
    }
}
