using IceCheckout.Messaging;

namespace IceCheckout.Search.Feed.Events;

/// <summary>
/// A sample of the searches shoppers make: the query in its normalised form (trimmed, lower case, single spaces) and how
/// many products it found. Nothing says who searched.
/// </summary>
[RoutingKey("search.query.performed")]
public sealed record SearchQueryPerformedIntegrationEvent(string Query, long ResultCount) : IntegrationEvent;
