namespace IceCheckout.Catalog.Model;

public static class ProductSort
{
    public const string Name = "name";
    public const string NameEn = "nameEn";
    public const string PriceAscending = "price";
    public const string PriceDescending = "-price";
    public const string Newest = "newest";

    public static readonly IReadOnlyList<string> All = [Name, NameEn, PriceAscending, PriceDescending, Newest];
}
