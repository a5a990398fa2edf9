namespace IceCheckout.Messaging;

/// <summary>An event one service announces to the others. The id makes redeliveries detectable.</summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
