namespace IceCheckout.Catalog.Model;

public class Category
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string NameKo { get; set; }

    public required string NameEn { get; set; }
}
