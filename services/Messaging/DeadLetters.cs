namespace IceCheckout.Messaging;

/// <summary>A work queue of this service and how many messages its dead-letter queue holds.</summary>
public sealed record DeadLetterQueueInfo(string Queue, string DeadLetterQueue, uint Messages);

/// <summary>One dead-lettered message, as staff see it before they replay or drop it.</summary>
public sealed record DeadLetter(
    string? MessageId,
    string? Type,
    int Attempts,
    string? Reason,
    DateTimeOffset? PublishedAt,
    string Body);

/// <summary>Lists, replays and drops the dead letters of this service's own work queues (event queues and RPC queues).</summary>
public interface IDeadLetterQueues
{
    /// <summary>Whether <paramref name="queue"/> is a work queue of this service.</summary>
    bool Knows(string queue);

    Task<IReadOnlyList<DeadLetterQueueInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The oldest <paramref name="max"/> dead letters of <paramref name="queue"/>, left where they are.</summary>
    Task<IReadOnlyList<DeadLetter>> PeekAsync(string queue, int max, CancellationToken cancellationToken);

    /// <summary>Moves the oldest <paramref name="max"/> dead letters back into <paramref name="queue"/> with fresh attempts; returns how many.</summary>
    Task<int> ReplayAsync(string queue, int max, CancellationToken cancellationToken);

    /// <summary>Deletes the oldest <paramref name="max"/> dead letters of <paramref name="queue"/>; returns how many.</summary>
    Task<int> DropAsync(string queue, int max, CancellationToken cancellationToken);
}
