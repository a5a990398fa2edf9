namespace IceCheckout.Outbox;

public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for unsent rows besides being woken by local commits.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    public int BatchSize { get; set; } = 50;

    /// <summary>The first pause before a row whose publish failed is tried again; it doubles with every failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest pause before a row whose publishing keeps failing is tried again.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a relay owns the rows it claimed; a relay that died meanwhile leaves them to another after this.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long published rows are kept (for inspection) before they are deleted.</summary>
    public TimeSpan RetainSent { get; set; } = TimeSpan.FromDays(7);
}
