namespace IceCheckout.Catalog.Authentication;

/// <summary>API keys from configuration: <c>Catalog:Staff:ApiKeys</c> for staff, <c>Catalog:Services:ApiKeys</c> for other services (Cart).</summary>
public sealed class ApiKeyOptions
{
    public string[] StaffKeys { get; set; } = [];

    public string[] ServiceKeys { get; set; } = [];
}
