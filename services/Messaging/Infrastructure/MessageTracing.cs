using System.Diagnostics;
using RabbitMQ.Client;

namespace IceCheckout.Messaging.Infrastructure;

/// <summary>Spans around sending and handling messages, and the W3C trace context carried in the message headers.</summary>
internal static class MessageTracing
{
    public const string SourceName = "IceCheckout.Messaging";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of sending a message: a child of <paramref name="traceParent"/> when given, else of the current span.</summary>
    public static Activity? StartSend(string name, ActivityKind kind, string? traceParent = null, string? traceState = null)
    {
        return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
    }

    /// <summary>
    /// Writes the context of the sending span into <paramref name="headers"/>; when nothing samples it, the context
    /// it would have continued (<paramref name="traceParent"/>, else the current span), so the trace is not cut.
    /// </summary>
    public static void Inject(Activity? activity, IDictionary<string, object?> headers, string? traceParent = null, string? traceState = null)
    {
        var context = activity ?? (traceParent is null ? Activity.Current : null);
        if (context is { IdFormat: ActivityIdFormat.W3C })
        {
            traceParent = context.Id;
            traceState = context.TraceStateString;
        }

        if (traceParent is not null)
        {
            headers[TraceParentHeader] = traceParent;
        }

        if (traceState is not null)
        {
            headers[TraceStateHeader] = traceState;
        }
    }

    /// <summary>Starts the span of handling a message, a child of the context its sender propagated.</summary>
    public static Activity? StartReceive(string name, ActivityKind kind, IReadOnlyBasicProperties properties)
    {
        var traceParent = properties.ReadHeader(TraceParentHeader);
        var traceState = properties.ReadHeader(TraceStateHeader);
        return traceParent is not null && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var parent)
            ? Source.StartActivity(name, kind, parent)
            : Source.StartActivity(name, kind);
    }
}
