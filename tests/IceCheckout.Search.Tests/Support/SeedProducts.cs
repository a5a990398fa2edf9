using System.Text.Json;
using IceCheckout.Search.Model;
using IceCheckout.Testing;

namespace IceCheckout.Search.Tests.Support;

/// <summary>The store's products from Catalog's seed file, as index documents (ids in file order from 1, version 1).</summary>
public static class SeedProducts
{
    public static IReadOnlyList<ProductDocument> All { get; } = Load();

    private static List<ProductDocument> Load()
    {
        using var file = File.OpenRead(Path.Combine(RepositoryRoot.Path, "services", "Catalog", "Infrastructure", "Seed", "products.json"));
        using var json = JsonDocument.Parse(file);
        return [.. json.RootElement.GetProperty("products").EnumerateArray().Select((product, index) => new ProductDocument(
            index + 1,
            product.GetProperty("sku").GetString()!,
            product.GetProperty("nameKo").GetString()!,
            product.GetProperty("nameEn").GetString()!,
            product.GetProperty("brand").GetString()!,
            product.GetProperty("category").GetString()!,
            product.GetProperty("price").GetInt32(),
            product.GetProperty("stock").GetInt32(),
            null,
            true,
            1,
            DateTimeOffset.UnixEpoch))];
    }
}
