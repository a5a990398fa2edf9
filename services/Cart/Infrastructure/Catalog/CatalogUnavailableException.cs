namespace IceCheckout.Cart.Infrastructure.Catalog;

/// <summary>Catalog could not be reached or failed; the request is answered 503 and nothing changes.</summary>
public sealed class CatalogUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
