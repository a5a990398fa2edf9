namespace IceCheckout.Search.Engines.Lucene;

/// <summary>The stored and filter fields of the embedded index, beside the key-form fields of <see cref="Matching.IndexFields"/>.</summary>
internal static class LuceneFields
{
    public const string Id = "id";
    public const string Sku = "sku";
    public const string NameKo = "name_ko";
    public const string NameEn = "name_en";
    public const string Brand = "brand";
    public const string Category = "category";
    public const string CategoryValues = "category_dv";
    public const string Price = "price";
    public const string Stock = "stock";
    public const string ImageUrl = "image_url";
    public const string Visible = "visible";
    public const string Version = "version";
    public const string ChangedAt = "changed_at";
    public const string SortName = "sort_name";
}
