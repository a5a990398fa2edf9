using System.Net.Sockets;
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
}
