using System.Net.Sockets;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace IceCheckout.Messaging.Infrastructure;

internal static class BrokerFailures
{
    /// <summary>Whether <paramref name="exception"/> means the broker cannot be reached or refused the operation.</summary>
    public static bool IsBrokerFailure(this Exception exception) => exception
        is OperationInterruptedException
        or BrokerUnreachableException
        or ChannelAllocationException
        or ProtocolException
        or PublishException
        or IOException
        or SocketException;

    /// <summary>
    /// Whether the broker closed a channel for an error on that channel (access refused, not found, resource locked,
    /// precondition failed, e.g. an acknowledgement timeout) rather than because the whole connection went down.
    /// </summary>
    public static bool IsChannelError(this ShutdownEventArgs reason) =>
        reason.Initiator == ShutdownInitiator.Peer && reason.ReplyCode is >= 403 and <= 406;
}
