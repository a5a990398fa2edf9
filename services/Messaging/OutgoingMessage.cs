namespace IceCheckout.Messaging;

/// <param name="TraceParent">W3C traceparent of the operation that produced the event, so the trace continues across an outbox.</param>
public sealed record OutgoingMessage(
    string RoutingKey,
    Guid MessageId,
    ReadOnlyMemory<byte> Body,
    string? TraceParent = null,
    string? TraceState = null);
