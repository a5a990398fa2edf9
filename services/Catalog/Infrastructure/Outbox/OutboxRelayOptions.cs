namespace IceCheckout.Catalog.Infrastructure.Outbox;

public sealed class OutboxRelayOptions
{
    public const string SectionName = "Catalog:Outbox";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 50;

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long published rows are kept (for inspection) before they are deleted.</summary>
    public TimeSpan RetainSent { get; set; } = TimeSpan.FromDays(7);
}
