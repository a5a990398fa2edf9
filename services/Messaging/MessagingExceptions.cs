namespace IceCheckout.Messaging;

public class MessagingException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The broker could not be reached or did not confirm the message.</summary>
public class MessagingUnavailableException(string message, Exception? innerException = null)
    : MessagingException(message, innerException);

/// <summary>
/// The broker took the message but no queue was bound for it (an event nobody declared a queue for, an RPC queue
/// that was deleted), so it would have been dropped.
/// </summary>
public sealed class MessageUnroutableException(string message, Exception? innerException = null)
    : MessagingUnavailableException(message, innerException);

public sealed class RpcTimeoutException(string queue, TimeSpan timeout)
    : MessagingException($"No reply from '{queue}' within {timeout.TotalMilliseconds:0} ms.")
{
    public string Queue { get; } = queue;

    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>The worker took the request but failed; <see cref="Reason"/> says why.</summary>
public sealed class RpcRemoteException(string queue, string reason)
    : MessagingException($"'{queue}' failed: {reason}")
{
    public string Queue { get; } = queue;

    /// <summary>The worker's reason in general terms (the request could not be read, or its handler failed); details stay in the worker's log.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// Thrown by a handler for a message that is readable but makes no sense (a negative quantity): trying again cannot
/// help, so it goes straight to the dead-letter queue and nothing is changed.
/// </summary>
public sealed class UnprocessableMessageException(string message) : MessagingException(message);

/// <summary>
/// Thrown by an RPC handler that refuses a request for a reason meant for the caller (an image that is not an image);
/// unlike any other exception, its message is sent back as the <see cref="RpcRemoteException.Reason"/>.
/// </summary>
public sealed class RpcRequestRejectedException(string reason) : MessagingException(reason);
