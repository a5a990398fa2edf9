namespace IceCheckout.Messaging;

public class MessagingException(string message, Exception? innerException = null) : Exception(message, innerException);

/// <summary>The broker could not be reached or did not confirm the message.</summary>
public sealed class MessagingUnavailableException(string message, Exception? innerException = null)
    : MessagingException(message, innerException);

public sealed class RpcTimeoutException(string queue, TimeSpan timeout)
    : MessagingException($"No reply from '{queue}' within {timeout.TotalMilliseconds:0} ms.");

/// <summary>The worker took the request but failed; <see cref="MessagingException.Message"/> carries its reason.</summary>
public sealed class RpcRemoteException(string queue, string reason)
    : MessagingException($"'{queue}' failed: {reason}");
