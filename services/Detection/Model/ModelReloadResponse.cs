namespace IceCheckout.Detection.Model;

/// <param name="Result"><c>swapped</c> (a new model is in service) or <c>unchanged</c> (the file holds the model in service).</param>
/// <param name="Model">The model in service now.</param>
/// <param name="PreviousSha256">The model taken out of service, when one was.</param>
public sealed record ModelReloadResponse(string Result, ModelInfoResponse Model, string? PreviousVersion, string? PreviousSha256);
