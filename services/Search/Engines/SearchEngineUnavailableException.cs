namespace IceCheckout.Search.Engines;

/// <summary>The search engine did not answer (an Elasticsearch cluster down or refusing); the API answers 503.</summary>
public sealed class SearchEngineUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
