using System.Diagnostics;
using System.Text.Json;
using IceCheckout.Messaging.Tests.Support;
using IceCheckout.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.Messaging.Tests;

[Collection(RabbitMqCollection.Name)]
public sealed class TracingTests(RabbitMqServer broker) : IDisposable
{
    private readonly TestNames _names = TestNames.Unique();
    private readonly Received<HandledEvent> _events = new();
    private readonly Received<HandledRequest> _requests = new();
    private readonly TraceRecorder _traces = new();

    private async Task<IHost> StartServiceAsync()
    {
        var host = await MessagingHost.StartAsync(
            broker.ConnectionString,
            _names,
            messaging => messaging
                .AddEventHandler<ProductChangedIntegrationEvent, RecordingEventHandler>()
                .AddRpcClient()
                .AddRpcWorker<EchoRequest, EchoResponse, EchoRpcHandler>(_names.RpcQueue),
            services => services.AddSingleton(_events).AddSingleton(_requests).AddSingleton(new WorkerName("traced")));
        await broker.WaitForQueueConsumersAsync(_names.EventQueue("test.product.changed"), 1);
        await broker.WaitForQueueConsumersAsync(_names.RpcQueue, 1);
        return host;
    }

    [Fact]
    public async Task Trace_started_before_publishing_continues_in_the_consumer()
    {
        using var host = await StartServiceAsync();
        var published = new ProductChangedIntegrationEvent("Traced Cone");

        ActivityTraceId traceId;
        using (var checkout = TraceRecorder.TestSource.StartActivity("checkout"))
        {
            Assert.NotNull(checkout);
            traceId = checkout.TraceId;
            await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(published);
        }

        var handled = await _events.WaitForAsync(h => h.Event.Id == published.Id);
        Assert.Equal(traceId.ToString(), handled.TraceId);

        var consumer = await _traces.Stopped.WaitForAsync(s => s.TraceId == traceId && s.Kind == ActivityKind.Consumer);
        var producer = Assert.Single(_traces.Stopped.Items, s => s.TraceId == traceId && s.Kind == ActivityKind.Producer);
        Assert.Equal(producer.SpanId, consumer.ParentSpanId);
        Assert.Equal("IceCheckout.Messaging", consumer.Source.Name);
        await host.StopAsync();
    }

    [Fact]
    public async Task Outbox_message_continues_the_trace_it_carries()
    {
        using var host = await StartServiceAsync();
        var original = ActivityContext.Parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null);
        var integrationEvent = new ProductChangedIntegrationEvent("From the outbox");
        var message = new OutgoingMessage(
            "test.product.changed",
            integrationEvent.Id,
            JsonSerializer.SerializeToUtf8Bytes(integrationEvent, JsonSerializerOptions.Web),
            TraceParent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        await host.Services.GetRequiredService<IEventPublisher>().PublishAsync(message);

        var handled = await _events.WaitForAsync(h => h.Event.Id == integrationEvent.Id);
        Assert.Equal(original.TraceId.ToString(), handled.TraceId);
        await host.StopAsync();
    }

    [Fact]
    public async Task Rpc_call_carries_the_trace_to_the_worker()
    {
        using var host = await StartServiceAsync();

        ActivityTraceId traceId;
        using (var scan = TraceRecorder.TestSource.StartActivity("scan"))
        {
            Assert.NotNull(scan);
            traceId = scan.TraceId;
            await host.Services.GetRequiredService<IRpcClient>()
                .CallAsync<EchoRequest, EchoResponse>(_names.RpcQueue, new EchoRequest("traced"), TimeSpan.FromSeconds(20));
        }

        var handled = await _requests.WaitForAsync(r => r.Request.Text == "traced");
        Assert.Equal(traceId.ToString(), handled.TraceId);
        await host.StopAsync();
    }

    public void Dispose() => _traces.Dispose();
}
