using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class RpcTests(RabbitMqServer broker)
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(20);
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledRequest> _received = new();

    private Task<IHost> StartWorkerAsync(string worker, ushort maxConcurrency = 8) => MessagingHost.StartAsync(
        broker.ConnectionString,
        _names,
        messaging => messaging.AddRpcWorker<EchoRequest, EchoResponse, EchoRpcHandler>(_names.RpcQueue, maxConcurrency),
        services => services.AddSingleton(new WorkerName(worker)).AddSingleton(_received),
        serviceName: worker);

    private Task<IHost> StartCallerAsync() => MessagingHost.StartAsync(
        broker.ConnectionString, _names, messaging => messaging.AddRpcClient(), serviceName: "caller");

    [Fact]
    public async Task Call_returns_the_reply_of_the_worker()
    {
        using var worker = await StartWorkerAsync("worker-a");
        using var caller = await StartCallerAsync();
        await caller.WaitForHealthAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);

        var response = await caller.Services.GetRequiredService<IRpcClient>()
            .CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("vanilla"), s_callTimeout);

        Assert.Equal(new EchoResponse("VANILLA", "worker-a"), response);
        await caller.StopAsync();
        await worker.StopAsync();
    }
}
