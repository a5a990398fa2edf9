using System.Text;
using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IceCheckout.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class RpcTests(RabbitMqServer broker)
{
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(20);
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledRequest> _received = new();

    private async Task<IHost> StartWorkerAsync(string worker, int maxConcurrency = 8, uint expectedConsumers = 1)
    {
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddRpcWorker<EchoRequest, EchoResponse, EchoRpcHandler>(_names.RpcQueue, maxConcurrency),
            services => services.AddSingleton(new WorkerName(worker)).AddSingleton(_received),
            serviceName: worker);
        await broker.WaitForQueueConsumersAsync(_names.RpcQueue, expectedConsumers);
        return host;
    }

    private async Task<IHost> StartCallerAsync()
    {
        var host = await MessagingHost.StartAsync(broker.ConnectionString, _names, messaging => messaging.AddRpcClient(), serviceName: "caller");
        await host.WaitForHealthAsync(HealthStatus.Healthy);
        return host;
    }

    private static IRpcClient Client(IHost caller) => caller.Services.GetRequiredService<IRpcClient>();

    [Fact]
    public async Task Call_returns_the_reply_of_the_worker()
    {
        using var worker = await StartWorkerAsync("worker-a");
        using var caller = await StartCallerAsync();

        var response = await Client(caller).CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("vanilla"), s_callTimeout);

        Assert.Equal(new EchoResponse("VANILLA", "worker-a"), response);
        await caller.StopAsync();
        await worker.StopAsync();
    }

    [Fact]
    public async Task Call_without_a_worker_times_out()
    {
        using var caller = await StartCallerAsync();

        var timeout = TimeSpan.FromMilliseconds(500);
        var error = await Assert.ThrowsAsync<RpcTimeoutException>(() =>
            Client(caller).CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("anyone?"), timeout));

        Assert.Contains(_names.RpcQueue, error.Message, StringComparison.Ordinal);
        await caller.StopAsync();
    }

    [Fact]
    public async Task Request_sent_before_any_worker_runs_waits_in_the_queue_and_is_served()
    {
        using var caller = await StartCallerAsync();
        var call = Client(caller).CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("early bird"), s_callTimeout);
        await broker.WaitForQueueMessagesAsync(_names.RpcQueue, 1);

        using var worker = await StartWorkerAsync("late-worker");

        Assert.Equal(new EchoResponse("EARLY BIRD", "late-worker"), await call);
        await caller.StopAsync();
        await worker.StopAsync();
    }

    [Fact]
    public async Task A_late_reply_is_dropped_and_the_client_keeps_working()
    {
        using var worker = await StartWorkerAsync("slow");
        var logs = new RecordedLogs();
        using var caller = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddRpcClient(),
            services => services.AddLogging(logging => logging.AddProvider(logs).AddFilter<RecordedLogs>(null, LogLevel.Debug)),
            serviceName: "caller");
        await caller.WaitForHealthAsync(HealthStatus.Healthy);

        await Assert.ThrowsAsync<RpcTimeoutException>(() => Client(caller).CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest("too slow", DelayMs: 1500), TimeSpan.FromMilliseconds(300)));

        // A second call is waiting on the same reply channel when the late reply arrives: it must not be handed that reply.
        var next = Client(caller).CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("next", DelayMs: 4000), s_callTimeout);
        await _received.WaitForAsync(r => r.Request.Text == "next");
        await logs.Messages.WaitForAsync(m => m.StartsWith("Dropped a late reply", StringComparison.Ordinal));

        Assert.Equal(new EchoResponse("NEXT", "slow"), await next);
        Assert.Equal(HealthStatus.Healthy, await caller.MessagingHealthAsync());
        var after = await Client(caller).CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("after"), s_callTimeout);
        Assert.Equal("AFTER", after.Text);
        await caller.StopAsync();
        await worker.StopAsync();
    }

    [Fact]
    public async Task Two_workers_on_one_queue_share_the_load()
    {
        using var first = await StartWorkerAsync("first", maxConcurrency: 2);
        using var second = await StartWorkerAsync("second", maxConcurrency: 2, expectedConsumers: 2);
        using var caller = await StartCallerAsync();

        var calls = Enumerable.Range(0, 24).Select(i => Client(caller).CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest($"scoop {i}", DelayMs: 50), s_callTimeout));
        var responses = await Task.WhenAll(calls);

        Assert.Equal(24, responses.Length);
        Assert.Equal(["first", "second"], responses.Select(r => r.Worker).Distinct().Order());
        await caller.StopAsync();
        await second.StopAsync();
        await first.StopAsync();
    }

    [Fact]
    public async Task Worker_runs_up_to_max_concurrency_handler_calls_at_once_and_the_next_call_waits_for_a_free_slot()
    {
        var gate = new HandlerGate();
        using var worker = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging.AddRpcWorker<EchoRequest, EchoResponse, GatedRpcHandler>(_names.RpcQueue, maxConcurrency: 4),
            services => services.AddSingleton(gate),
            serviceName: "gated");
        await broker.WaitForQueueConsumersAsync(_names.RpcQueue, 1);
        using var caller = await StartCallerAsync();

        var calls = Enumerable.Range(0, 5).Select(i => Client(caller).CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest($"frame {i}"), s_callTimeout)).ToList();

        // Four run together; the broker keeps the fifth until one of them is answered.
        await gate.WaitUntilEnteredAsync(4);
        await broker.WaitForQueueMessagesAsync(_names.RpcQueue, 1);
        Assert.Equal(4, gate.Inside);

        gate.ReleaseOne();
        await gate.WaitUntilEnteredAsync(5);
        gate.ReleaseAll();
        var responses = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"frame {i}"), responses.Select(r => r.Text));
        Assert.All(responses, r => Assert.Equal("gated", r.Worker));
        Assert.Equal(4, gate.MostInside);
        await caller.StopAsync();
        await worker.StopAsync();
    }

    [Fact]
    public async Task Handler_failure_reaches_the_caller_as_a_remote_error_without_the_exception_message()
    {
        using var worker = await StartWorkerAsync("worker-a");
        using var caller = await StartCallerAsync();

        var error = await Assert.ThrowsAsync<RpcRemoteException>(() => Client(caller).CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest("melted", Fail: true), s_callTimeout));

        Assert.StartsWith("the handler failed (trace ", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("on purpose", error.Message, StringComparison.Ordinal);
        Assert.Equal(_names.RpcQueue, error.Queue);
        await caller.StopAsync();
        await worker.StopAsync();
    }

    [Fact]
    public async Task Poison_request_is_answered_with_an_error_and_dead_lettered_and_the_worker_keeps_serving()
    {
        using var worker = await StartWorkerAsync("worker-a");
        using var caller = await StartCallerAsync();

        await Assert.ThrowsAsync<RpcRemoteException>(() => Client(caller).CallAsync<int[], EchoResponse>(
            _names.RpcQueue, [1, 2, 3], s_callTimeout));

        var deadLettered = await broker.WaitForMessageAsync(TestNames.DeadLetterQueue(_names.RpcQueue));
        Assert.Equal("[1,2,3]", Encoding.UTF8.GetString(deadLettered.Body.Span));
        var response = await Client(caller).CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("still here"), s_callTimeout);
        Assert.Equal("STILL HERE", response.Text);
        Assert.Single(_received.Items);
        await caller.StopAsync();
        await worker.StopAsync();
    }

    [Fact]
    public async Task A_refused_request_is_answered_with_its_reason_and_not_dead_lettered_while_a_failed_one_is()
    {
        using var worker = await StartWorkerAsync("worker-a", maxConcurrency: 1);
        using var caller = await StartCallerAsync();

        var refused = await Assert.ThrowsAsync<RpcRemoteException>(() => Client(caller).CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest("gravel", Refuse: true), s_callTimeout));
        await Assert.ThrowsAsync<RpcRemoteException>(() => Client(caller).CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest("melted", Fail: true), s_callTimeout));

        Assert.Equal("gravel is not something to echo", refused.Reason);
        var deadLettered = await broker.WaitForMessageAsync(TestNames.DeadLetterQueue(_names.RpcQueue));
        Assert.Contains("melted", Encoding.UTF8.GetString(deadLettered.Body.Span), StringComparison.Ordinal);
        Assert.Equal(0u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(_names.RpcQueue)));
        await caller.StopAsync();
        await worker.StopAsync();
    }

    [Fact]
    public async Task Stopping_a_worker_lets_its_running_calls_finish()
    {
        using var worker = await StartWorkerAsync("draining");
        using var caller = await StartCallerAsync();

        var call = Client(caller).CallAsync<EchoRequest, EchoResponse>(
            _names.RpcQueue, new EchoRequest("last scoop", DelayMs: 1000), s_callTimeout);
        await _received.WaitForAsync(r => r.Request.Text == "last scoop");
        await worker.StopAsync();

        Assert.Equal(new EchoResponse("LAST SCOOP", "draining"), await call);
        await caller.StopAsync();
    }
}
