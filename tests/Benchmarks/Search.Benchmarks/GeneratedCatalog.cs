using System.Text.Json;
using IceCheckout.Testing;

namespace IceCheckout.Search.Benchmarks;

/// <summary>
/// The store's 25 products grown to any number by flavour and size variants (메로나 딸기 미니 17, Melona Strawberry Mini 17),
/// served in the shape of Catalog's product list, so that Search builds its index from it at start-up.
/// </summary>
public sealed class GeneratedCatalog : IAsyncDisposable
{
    private static readonly (string Ko, string En)[] s_flavours =
        [("딸기", "Strawberry"), ("초코", "Choco"), ("바닐라", "Vanilla"), ("녹차", "Green Tea"), ("망고", "Mango"), ("복숭아", "Peach"), ("커피", "Coffee"), ("쿠키", "Cookie"), ("멜론", "Melon"), ("요거트", "Yogurt")];

    private static readonly (string Ko, string En)[] s_sizes = [("미니", "Mini"), ("라지", "Large"), ("더블", "Double"), ("클래식", "Classic")];

    private readonly WebApplication _app;

    public GeneratedCatalog(int count)
    {
        Products = Generate(count);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/api/catalog/products", (int pageIndex, int pageSize) => Results.Json(new
        {
            pageIndex,
            pageSize,
            count = Products.Count,
            data = Products.Skip(pageIndex * pageSize).Take(pageSize),
        }, JsonSerializerOptions.Web));
    }

    public IReadOnlyList<GeneratedProduct> Products { get; }

    public Uri Address => new(_app.Urls.First());

    public Task StartAsync() => _app.StartAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static List<GeneratedProduct> Generate(int count)
    {
        using var file = File.OpenRead(Path.Combine(RepositoryRoot.Path, "services", "Catalog", "Infrastructure", "Seed", "products.json"));
        using var json = JsonDocument.Parse(file);
        var seeds = json.RootElement.GetProperty("products").EnumerateArray().ToList();
        var random = new Random(42);
        return [.. Enumerable.Range(1, count).Select(id =>
        {
            var seed = seeds[(id - 1) % seeds.Count];
            var variant = (id - 1) / seeds.Count;
            var flavour = s_flavours[random.Next(s_flavours.Length)];
            var size = s_sizes[random.Next(s_sizes.Length)];
            var nameKo = seed.GetProperty("nameKo").GetString()!;
            var nameEn = seed.GetProperty("nameEn").GetString()!;
            return new GeneratedProduct(
                id,
                $"{seed.GetProperty("sku").GetString()}-{variant:D4}",
                variant == 0 ? nameKo : $"{nameKo} {flavour.Ko} {size.Ko} {variant}",
                variant == 0 ? nameEn : $"{nameEn} {flavour.En} {size.En} {variant}",
                seed.GetProperty("brand").GetString()!,
                seed.GetProperty("category").GetString()!,
                seed.GetProperty("price").GetInt32() + (100 * random.Next(5)),
                random.Next(50),
                true,
                null,
                1,
                DateTimeOffset.UnixEpoch);
        })];
    }
}

public sealed record GeneratedProduct(
    int Id, string Sku, string NameKo, string NameEn, string Brand, string Category, int Price, int Stock, bool IsActive, string? ImageUrl, int Version, DateTimeOffset UpdatedAt);
