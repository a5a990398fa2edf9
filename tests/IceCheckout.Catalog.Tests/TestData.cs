using System.Net.Http.Json;
using IceCheckout.Catalog.Model;
using SkiaSharp;

namespace IceCheckout.Catalog.Tests;

public static class TestData
{
    public static CreateProductRequest NewProduct(string? sku = null, int stock = 10, int price = 1200, string category = "bar") => new(
        sku ?? $"T-{Guid.NewGuid():N}"[..16].ToUpperInvariant(),
        null,
        "테스트바",
        "Test Bar",
        "테스트",
        category,
        price,
        stock);

    public static async Task<ProductItem> CreateProductAsync(HttpClient staff, CreateProductRequest? request = null)
    {
        var response = await staff.PostAsJsonAsync("/api/catalog/admin/products", request ?? NewProduct());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ProductItem>())!;
    }

    public static byte[] Png(int width, int height) => Encode(width, height, SKEncodedImageFormat.Png);

    public static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Coral);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
