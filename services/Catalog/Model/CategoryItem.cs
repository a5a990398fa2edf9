namespace IceCheckout.Catalog.Model;

public sealed record CategoryItem(string Slug, string NameKo, string NameEn);
