namespace IceCheckout.ServiceDefaults.Authentication;

/// <summary>The roles an API key grants, and the authorization policies built on them.</summary>
public static class ApiKeyRoles
{
    public const string Staff = "staff";
    public const string Service = "service";

    /// <summary>Staff only: product, order and index administration.</summary>
    public const string StaffPolicy = "ApiKeyStaff";

    /// <summary>Staff, or another service of the store with its service key (Cart reserving stock in Catalog).</summary>
    public const string StaffOrServicePolicy = "ApiKeyStaffOrService";
}
