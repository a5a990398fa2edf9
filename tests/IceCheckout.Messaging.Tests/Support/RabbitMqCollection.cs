using IceCheckout.Testing;

namespace IceCheckout.Messaging.Tests.Support;

/// <summary>Tests that share one broker; each test uses its own exchange and queue names.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqServer>
{
    public const string Name = "RabbitMQ";
}
