namespace IceCheckout.Testing;

/// <summary>
/// A real RabbitMQ node with its own node name, epmd and cookie; <see cref="ServerFixture.ConnectionString"/>
/// is <c>amqp://guest:guest@127.0.0.1:PORT</c> (ConnectionStrings:messaging).
/// </summary>
public sealed class RabbitMqServer() : ServerFixture("rabbitmq")
{
    /// <summary>Creates a virtual host open to the guest user and returns the amqp URI that selects it.</summary>
    public async Task<string> CreateVirtualHostAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= $"test-{Guid.NewGuid():N}";
        await RunScriptAsync("vhost", [name], cancellationToken);
        return $"{ConnectionString}/{Uri.EscapeDataString(name)}";
    }

    /// <summary>Runs <c>rabbitmqctl</c> against this node (for example <c>list_queues -p VHOST name messages</c>).</summary>
    public Task<string> RabbitMqCtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken = default) =>
        RunScriptAsync("rabbitmqctl", ["--", .. arguments], cancellationToken);

    protected override string SelectConnectionString(IReadOnlyDictionary<string, string> environment) =>
        environment["ConnectionStrings__messaging"];
}
