using System.ComponentModel.DataAnnotations;

namespace IceCheckout.Search.Feed;

/// <summary>The section <c>Search:Feed</c>.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Search:Feed";

    /// <summary>Prefix of every Redis key of the feed.</summary>
    public string KeyPrefix { get; set; } = "feed:";

    /// <summary>How many hourly buckets "popular now" adds up.</summary>
    [Range(1, 168)]
    public int PopularWindowHours { get; set; } = 24;

    /// <summary>Length of the per-checklist list of suggestions (<c>LTRIM</c>).</summary>
    [Range(1, 1000)]
    public int ChecklistSuggestionsLength { get; set; } = 30;

    /// <summary>How many bought-together products one checklist item adds to its list.</summary>
    [Range(1, 20)]
    public int SuggestionsPerChecklistItem { get; set; } = 3;

    /// <summary>How long an event id is remembered, so a redelivery within it changes nothing.</summary>
    public TimeSpan ProcessedEventLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a cart's scanned products are kept for "goes well with" (Cart's carts live 30 minutes).</summary>
    public TimeSpan CartLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a checklist's suggestions are kept after its last added item (Cart keeps checklists 30 days).</summary>
    public TimeSpan ChecklistLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Share of searches announced as <c>search.query.performed</c>, 0 (none) to 1 (all).</summary>
    [Range(0.0, 1.0)]
    public double QuerySampleRate { get; set; } = 0.1;

    /// <summary>Pause between two runs of the offline rebuild; <c>00:00:00</c> turns the schedule off (the staff call still works).</summary>
    public TimeSpan RebuildInterval { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Search's key for Cart's order list (one of Cart's <c>Cart:Services:ApiKeys</c>).</summary>
    public string? CartServiceKey { get; set; }
}
