namespace IceCheckout.Messaging.Tests.Support;

[RoutingKey("test.product.changed")]
public sealed record ProductChangedIntegrationEvent(string Name, bool FailHandling = false) : IntegrationEvent;

public sealed record EchoRequest(string Text, int DelayMs = 0, bool Fail = false, bool Refuse = false);

public sealed record EchoResponse(string Text, string Worker);
