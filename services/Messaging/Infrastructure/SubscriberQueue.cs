namespace IceCheckout.Messaging.Infrastructure;

/// <summary>The queue a known subscriber consumes an event from; its publisher declares it so no event goes unrouted before the subscriber first runs.</summary>
internal sealed record SubscriberQueue(string ServiceName, string RoutingKey);
