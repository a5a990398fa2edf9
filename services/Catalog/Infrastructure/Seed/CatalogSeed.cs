using System.Text.Json;
using IceCheckout.Catalog.Infrastructure.Images;
using IceCheckout.Catalog.Model;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Catalog.Infrastructure.Seed;

/// <summary>
/// Loads the store's assortment from <c>Seed/products.json</c>. Idempotent: categories by slug and products by SKU are
/// added only when missing, so staff edits survive restarts. A product's image is the package art
/// <c>Seed/images/&lt;label&gt;.png</c> when it exists, otherwise a generated placeholder that the art replaces once it lands.
/// </summary>
public sealed class CatalogSeed(IWebHostEnvironment environment, ILogger<CatalogSeed> logger)
{
    private string SeedDirectory => Path.Combine(environment.ContentRootPath, "Infrastructure", "Seed");

    public async Task SeedAsync(CatalogContext context, CancellationToken cancellationToken)
    {
        var path = Path.Combine(SeedDirectory, "products.json");
        if (!File.Exists(path))
        {
            logger.LogWarning("No seed file at {Path}; the catalogue starts empty", path);
            return;
        }

        await using var stream = File.OpenRead(path);
        var seed = await JsonSerializer.DeserializeAsync<SeedFile>(stream, JsonSerializerOptions.Web, cancellationToken)
            ?? throw new InvalidOperationException($"{path} is empty.");

        var categories = await SeedCategoriesAsync(context, seed, cancellationToken);
        await SeedProductsAsync(context, seed, categories, cancellationToken);
    }

    private static async Task<Dictionary<string, Category>> SeedCategoriesAsync(CatalogContext context, SeedFile seed, CancellationToken cancellationToken)
    {
        var categories = await context.Categories.ToDictionaryAsync(c => c.Slug, cancellationToken);
        foreach (var item in seed.Categories.Where(c => !categories.ContainsKey(c.Slug)))
        {
            var category = new Category { Slug = item.Slug, NameKo = item.NameKo, NameEn = item.NameEn };
            context.Categories.Add(category);
            categories[item.Slug] = category;
        }

        await context.SaveChangesAsync(cancellationToken);
        return categories;
    }

    private async Task SeedProductsAsync(CatalogContext context, SeedFile seed, Dictionary<string, Category> categories, CancellationToken cancellationToken)
    {
        var existing = await context.Products.ToDictionaryAsync(p => p.Sku, cancellationToken);
        var images = await context.ProductImages
            .Select(i => new { i.ProductId, i.IsPlaceholder })
            .ToDictionaryAsync(i => i.ProductId, i => i.IsPlaceholder, cancellationToken);

        var added = 0;
        var imagesReplaced = 0;
        foreach (var item in seed.Products)
        {
            var artPath = Path.Combine(SeedDirectory, "images", item.Label + ".png");
            var hasArt = File.Exists(artPath);
            if (!existing.TryGetValue(item.Sku, out var product))
            {
                product = new Product
                {
                    Sku = item.Sku,
                    DetectionLabel = item.Label,
                    NameKo = item.NameKo,
                    NameEn = item.NameEn,
                    Brand = item.Brand,
                    Category = categories[item.Category],
                    Price = item.Price,
                    Stock = item.Stock,
                };
                context.Products.Add(product);
                await context.SaveChangesAsync(cancellationToken);
                await SetImageAsync(context, product, hasArt ? await File.ReadAllBytesAsync(artPath, cancellationToken) : null, cancellationToken);
                added++;
            }
            else if (!images.TryGetValue(product.Id, out var isPlaceholder) || (isPlaceholder && hasArt))
            {
                await SetImageAsync(context, product, hasArt ? await File.ReadAllBytesAsync(artPath, cancellationToken) : null, cancellationToken);
                imagesReplaced++;
            }
        }

        logger.LogInformation("Seed: {Added} products added, {Replaced} images added or replaced by package art", added, imagesReplaced);
    }

    private static async Task SetImageAsync(CatalogContext context, Product product, byte[]? art, CancellationToken cancellationToken)
    {
        var image = art is null
            ? PlaceholderImage.Render(product.NameKo, product.NameEn)
            : ImageInspector.Inspect(art, out _) ?? throw new InvalidOperationException($"Seed image of {product.Sku} is not a readable image.");

        var stored = await context.ProductImages.FindAsync([product.Id], cancellationToken);
        if (stored is null)
        {
            stored = new ProductImage { ProductId = product.Id, ContentType = image.ContentType, Data = image.Data, ETag = image.ETag };
            context.ProductImages.Add(stored);
        }

        stored.ContentType = image.ContentType;
        stored.Data = image.Data;
        stored.ETag = image.ETag;
        stored.Width = image.Width;
        stored.Height = image.Height;
        stored.IsPlaceholder = art is null;
        stored.UpdatedAt = DateTimeOffset.UtcNow;
        product.ImageETag = image.ETag;

        await context.SaveChangesAsync(cancellationToken);
    }
}
