namespace IceCheckout.Testing;

/// <summary>A real Redis; <see cref="ServerFixture.ConnectionString"/> is <c>127.0.0.1:PORT</c> (ConnectionStrings:cache).</summary>
public sealed class RedisServer() : ServerFixture("redis")
{
    protected override string SelectConnectionString(IReadOnlyDictionary<string, string> environment) =>
        environment["ConnectionStrings__cache"];
}
