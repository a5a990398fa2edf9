using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.Infrastructure.Caching;
using IceCheckout.Catalog.Model;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Catalog.Services;

/// <summary>The public reads, through the Redis cache.</summary>
public sealed class ProductQueries(CatalogContext context, ProductCache cache)
{
    private IQueryable<Product> Visible => context.Products.AsNoTracking().Where(p => p.DeletedAt == null);

    public Task<ProductItem?> GetByIdAsync(int id, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(cache.ProductKey(id), () => Project(Visible.Where(p => p.Id == id)).FirstOrDefaultAsync(cancellationToken));

    public Task<ProductItem?> GetBySkuAsync(string sku, CancellationToken cancellationToken) =>
        cache.GetOrLoadAsync(cache.SkuKey(sku), () => Project(Visible.Where(p => p.Sku == sku)).FirstOrDefaultAsync(cancellationToken));

    public Task<PaginatedItems<ProductItem>> ListAsync(int pageIndex, int pageSize, string? category, string sort, CancellationToken cancellationToken) =>
        cache.GetOrLoadListAsync($"list:{pageIndex}:{pageSize}:{category}:{sort}", async () =>
        {
            var query = Visible.Where(p => p.IsActive);
            if (category is not null)
            {
                query = query.Where(p => p.Category!.Slug == category);
            }

            var count = await query.LongCountAsync(cancellationToken);
            var items = await Project(Sort(query, sort).Skip(pageIndex * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
            return new PaginatedItems<ProductItem>(pageIndex, pageSize, count, items);
        }, page => page.Data.Count > 0 || page.PageIndex == 0);

    /// <summary>One cached entry for all labelled products, filtered here, so arbitrary label sets add no cache entries.</summary>
    public async Task<List<ProductItem>> GetByLabelsAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        var labelled = await cache.GetOrLoadListAsync("labels", () =>
            Project(Visible.Where(p => p.IsActive && p.DetectionLabel != null).OrderBy(p => p.Id)).ToListAsync(cancellationToken));
        return [.. labelled.Where(p => labels.Contains(p.DetectionLabel!))];
    }

    public Task<List<CategoryItem>> GetCategoriesAsync(CancellationToken cancellationToken) =>
        cache.GetOrLoadListAsync("categories", () =>
            context.Categories.AsNoTracking().OrderBy(c => c.Id).Select(c => new CategoryItem(c.Slug, c.NameKo, c.NameEn)).ToListAsync(cancellationToken));

    private static IQueryable<Product> Sort(IQueryable<Product> query, string sort) => sort switch
    {
        ProductSort.NameEn => query.OrderBy(p => p.NameEn).ThenBy(p => p.Id),
        ProductSort.PriceAscending => query.OrderBy(p => p.Price).ThenBy(p => p.Id),
        ProductSort.PriceDescending => query.OrderByDescending(p => p.Price).ThenBy(p => p.Id),
        ProductSort.Newest => query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id),
        _ => query.OrderBy(p => p.NameKo).ThenBy(p => p.Id),
    };

    private static IQueryable<ProductItem> Project(IQueryable<Product> query) => query.Select(p => new ProductItem(
        p.Id,
        p.Sku,
        p.DetectionLabel,
        p.NameKo,
        p.NameEn,
        p.Brand,
        p.Category!.Slug,
        p.Price,
        p.Stock,
        p.IsActive,
        p.ImageETag == null ? null : "/api/catalog/products/" + p.Id + "/image?v=" + p.ImageETag.Substring(0, 12),
        p.Version,
        p.CreatedAt,
        p.UpdatedAt));
}
