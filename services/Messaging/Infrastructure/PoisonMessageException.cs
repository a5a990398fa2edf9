namespace IceCheckout.Messaging.Infrastructure;

/// <summary>A message that cannot be read; redelivering it cannot help, so it goes straight to the dead-letter queue.</summary>
internal sealed class PoisonMessageException(string message, Exception? innerException = null) : Exception(message, innerException);
