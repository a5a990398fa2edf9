namespace IceCheckout.Catalog.Authentication;

public static class CatalogRoles
{
    public const string Staff = "staff";
    public const string Service = "service";

    public const string StaffPolicy = "CatalogStaff";

    /// <summary>Stock reservations: called by Cart with a service key, or by staff.</summary>
    public const string StockPolicy = "CatalogStock";
}
