using System.Diagnostics;

namespace IceCheckout.Messaging.Tests.Support;

public sealed record HandledEvent(ProductChangedIntegrationEvent Event, string? TraceId);

/// <summary>Records each event; throws for events that ask for it, so every attempt is counted.</summary>
public sealed class RecordingEventHandler(Received<HandledEvent> received) : IIntegrationEventHandler<ProductChangedIntegrationEvent>
{
    public Task HandleAsync(ProductChangedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        received.Add(new HandledEvent(integrationEvent, Activity.Current?.TraceId.ToString()));
        if (integrationEvent.FailHandling)
        {
            throw new InvalidOperationException($"Handling {integrationEvent.Name} failed on purpose.");
        }

        return Task.CompletedTask;
    }
}

public sealed record WorkerName(string Value);

public sealed record HandledRequest(EchoRequest Request, string Worker, string? TraceId);

public sealed class EchoRpcHandler(WorkerName worker, Received<HandledRequest> received) : IRpcHandler<EchoRequest, EchoResponse>
{
    public async Task<EchoResponse> HandleAsync(EchoRequest request, CancellationToken cancellationToken)
    {
        received.Add(new HandledRequest(request, worker.Value, Activity.Current?.TraceId.ToString()));
        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, cancellationToken);
        }

        if (request.Fail)
        {
            throw new InvalidOperationException($"Echo of {request.Text} failed on purpose.");
        }

        if (request.Refuse)
        {
            throw new RpcRequestRejectedException($"{request.Text} is not something to echo");
        }

        return new EchoResponse(request.Text.ToUpperInvariant(), worker.Value);
    }
}

/// <summary>Holds every call inside the handler until the test lets it go; counts how many are inside at once.</summary>
public sealed class HandlerGate
{
    private readonly SemaphoreSlim _exits = new(0);
    private readonly Received<int> _entered = new();
    private readonly Lock _lock = new();
    private int _enteredCount;

    public int Inside { get; private set; }

    public int MostInside { get; private set; }

    public async Task PassAsync(CancellationToken cancellationToken)
    {
        int entered;
        lock (_lock)
        {
            Inside++;
            MostInside = Math.Max(MostInside, Inside);
            entered = ++_enteredCount;
        }

        _entered.Add(entered);
        try
        {
            if (!await _exits.WaitAsync(MessagingHost.Patience, cancellationToken))
            {
                throw new TimeoutException("The test never let this call go.");
            }
        }
        finally
        {
            lock (_lock)
            {
                Inside--;
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> calls have entered in all.</summary>
    public Task WaitUntilEnteredAsync(int count) => _entered.WaitForAsync(n => n >= count);

    public void ReleaseOne() => _exits.Release();

    public void ReleaseAll() => _exits.Release(100);
}

public sealed class GatedRpcHandler(HandlerGate gate) : IRpcHandler<EchoRequest, EchoResponse>
{
    public async Task<EchoResponse> HandleAsync(EchoRequest request, CancellationToken cancellationToken)
    {
        await gate.PassAsync(cancellationToken);
        return new EchoResponse(request.Text, "gated");
    }
}

/// <summary>Fails the first <see cref="Failures"/> attempts of every event, then succeeds; records when each attempt came.</summary>
public sealed class FlakyEventHandler(Received<HandledEvent> received, FlakySwitch flaky) : IIntegrationEventHandler<ProductChangedIntegrationEvent>
{
    public Task HandleAsync(ProductChangedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        flaky.Attempts.Add(DateTimeOffset.UtcNow);
        received.Add(new HandledEvent(integrationEvent, Activity.Current?.TraceId.ToString()));
        if (flaky.Attempts.Count <= flaky.Failures)
        {
            throw new TimeoutException($"Attempt {flaky.Attempts.Count} of {integrationEvent.Name} hit a database blip.");
        }

        return Task.CompletedTask;
    }
}

public sealed class FlakySwitch(int failures)
{
    public int Failures => failures;

    public System.Collections.Concurrent.ConcurrentBag<DateTimeOffset> Attempts { get; } = [];
}

/// <summary>Holds every event until the host shuts down (honouring cancellation), or, with <see cref="IgnoreCancellation"/>, for <see cref="HoldFor"/>.</summary>
public sealed class HoldingEventHandler(Received<HandledEvent> received, HoldSwitch hold) : IIntegrationEventHandler<ProductChangedIntegrationEvent>
{
    public async Task HandleAsync(ProductChangedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        received.Add(new HandledEvent(integrationEvent, Activity.Current?.TraceId.ToString()));
        if (!hold.Holding)
        {
            return;
        }

        if (hold.IgnoreCancellation)
        {
            await Task.Delay(hold.HoldFor, CancellationToken.None);
            hold.Finished.TrySetResult();
            return;
        }

        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}

public sealed class HoldSwitch
{
    public bool Holding { get; set; } = true;

    public bool IgnoreCancellation { get; init; }

    public TimeSpan HoldFor { get; init; } = TimeSpan.FromSeconds(1);

    public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
