namespace IceCheckout.Messaging;

/// <summary>The routing key of an event on the integration-events exchange, e.g. <c>orders.order.paid</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RoutingKeyAttribute(string routingKey) : Attribute
{
    public string RoutingKey { get; } = routingKey;
}
