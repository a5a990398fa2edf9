using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class ShutdownTests(RabbitMqServer broker)
{
    [Fact]
    public async Task Stop_returns_only_after_a_handler_call_that_outlived_the_shutdown_timeout_has_ended()
    {
        var names = TestNames.Unique();
        var received = new Received<HandledEvent>();
        var hold = new HoldSwitch { IgnoreCancellation = true, HoldFor = TimeSpan.FromSeconds(2) };
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, HoldingEventHandler>(),
            services => services
                .AddSingleton(received)
                .AddSingleton(hold)
                .Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200)));
        await broker.WaitForQueueConsumersAsync(names.EventQueue("test.product.changed"), 1);
        var published = new ProductChangedIntegrationEvent("Slow to let go");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);
        await received.WaitForAsync(h => h.Event.Id == published.Id);

        await host.StopAsync();

        Assert.True(hold.Finished.Task.IsCompleted, "the handler call was still running when the host stopped");
        host.Dispose();
    }

    [Fact]
    public async Task An_event_being_handled_at_shutdown_goes_back_to_its_queue_and_the_next_consumer_gets_it()
    {
        var names = TestNames.Unique();
        var queue = names.EventQueue("test.product.changed");
        var received = new Received<HandledEvent>();
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, HoldingEventHandler>(),
            services => services.AddSingleton(received).AddSingleton(new HoldSwitch()));
        await broker.WaitForQueueConsumersAsync(queue, 1);
        var published = new ProductChangedIntegrationEvent("Caught mid-scoop");
        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);
        await received.WaitForAsync(h => h.Event.Id == published.Id);

        await host.StopAsync();
        host.Dispose();

        // Neither acknowledged nor dead-lettered: waiting in the queue again.
        await broker.WaitForQueueMessagesAsync(queue, 1);
        Assert.Equal(0u, await broker.MessageCountAsync(TestNames.DeadLetterQueue(queue)));
        var next = new Received<HandledEvent>();
        using var successor = await MessagingHost.StartAsync(
            broker.ConnectionString,
            names,
            messaging => messaging.AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>(),
            services => services.AddSingleton(next));
        var handled = await next.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(published, handled.Event);
        await successor.StopAsync();
    }

    /// <summary>
    /// The race behind "The CancellationTokenSource has been disposed": the broker drops an RPC worker's consumer while
    /// one of its calls runs, so the consumer is being set up again, on a task of its own, when the host stops. Stopping
    /// must wait for that call and that set-up, or the host disposes the service while both still read its state.
    /// </summary>
    [Fact]
    public async Task Stop_waits_for_a_call_on_a_consumer_the_broker_dropped_and_for_its_set_up_again()
    {
        var names = TestNames.Unique();
        var vhost = $"{names.Prefix}-vhost";
        var connectionString = await broker.CreateVirtualHostAsync(vhost);
        var gate = new ReleaseGate();
        var worker = await MessagingHost.StartAsync(
            connectionString,
            names,
            messaging => messaging.AddRpcWorker<EchoRequest, EchoResponse, ReleasedRpcHandler>(names.RpcQueue),
            services => services
                .AddSingleton(gate)
                .Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200)),
            serviceName: "worker");
        using var caller = await MessagingHost.StartAsync(connectionString, names, messaging => messaging.AddRpcClient(), serviceName: "caller");
        await worker.WaitForHealthAsync(HealthStatus.Healthy);
        await caller.WaitForHealthAsync(HealthStatus.Healthy);
        var call = caller.Services.GetRequiredService<IRpcClient>()
            .CallAsync<EchoRequest, EchoResponse>(names.RpcQueue, new EchoRequest("held"), TimeSpan.FromMinutes(2));
        await gate.Entered.Task.WaitAsync(MessagingHost.Patience);

        // Without permissions the dropped consumer cannot be set up again until the host stops.
        await broker.RabbitMqCtlAsync(["clear_permissions", "-p", vhost, "guest"]);
        await broker.RabbitMqCtlAsync(["delete_queue", "-p", vhost, names.RpcQueue]);
        using (var patience = new CancellationTokenSource(MessagingHost.Patience))
        {
            while (await worker.MessagingHealthAsync() == HealthStatus.Healthy)
            {
                await Task.Delay(100, patience.Token);
            }
        }

        var stop = worker.StopAsync();
        var callEndedBeforeStopReturned = stop.ContinueWith(_ => gate.Finished.Task.IsCompleted, TaskScheduler.Default);
        // A stop that waits as it must is still waiting here; one that does not has long returned.
        await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(5)));
        gate.Release.TrySetResult();
        await stop;
        var disposal = Record.Exception(worker.Dispose);

        Assert.True(await callEndedBeforeStopReturned, "the host stopped while a call of the dropped consumer was still running");
        Assert.Null(disposal);
        // The worker stopped without replying; the call's outcome is not what this test is about.
        _ = call.ContinueWith(static unanswered => unanswered.Exception, TaskScheduler.Default);
        await caller.StopAsync();
        await broker.RabbitMqCtlAsync(["delete_vhost", vhost]);
    }

    /// <summary>Holds its call, whatever the cancellation token says, until the test releases it.</summary>
    private sealed class ReleasedRpcHandler(ReleaseGate gate) : IRpcHandler<EchoRequest, EchoResponse>
    {
        public async Task<EchoResponse> HandleAsync(EchoRequest request, CancellationToken cancellationToken)
        {
            gate.Entered.TrySetResult();
            await gate.Release.Task;
            gate.Finished.TrySetResult();
            return new EchoResponse(request.Text, "released");
        }
    }

    private sealed class ReleaseGate
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
