namespace IceCheckout.ServiceDefaults.Authentication;

/// <summary>API keys from configuration: <c>{Service}:Staff:ApiKeys</c> for staff, <c>{Service}:Services:ApiKeys</c> for other services.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>The configuration section the keys come from, such as <c>Catalog</c>; named in log messages.</summary>
    public string Section { get; set; } = "";

    public string[] StaffKeys { get; set; } = [];

    public string[] ServiceKeys { get; set; } = [];
}
