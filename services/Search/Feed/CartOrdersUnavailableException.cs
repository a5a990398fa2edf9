namespace IceCheckout.Search.Feed;

/// <summary>Cart's orders could not be read (not configured, not answering, or refusing the key).</summary>
public sealed class CartOrdersUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
