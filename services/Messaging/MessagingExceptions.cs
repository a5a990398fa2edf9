namespace IceCheckout.Messaging;

public class MessagingException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The broker could not be reached or did not confirm the message.</summary>
public sealed class MessagingUnavailableException(string message, Exception? innerException = null)
    : MessagingException(message, innerException);

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

    /// <summary>The worker's reason: its handler's exception message, or why the request could not be read.</summary>
    public string Reason { get; } = reason;
}
