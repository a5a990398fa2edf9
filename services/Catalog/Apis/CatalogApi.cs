using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.Model;
using IceCheckout.Catalog.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace IceCheckout.Catalog.Apis;

public static class CatalogApi
{
    public const int MaxPageSize = 100;
    public const int MaxLabels = 100;

    /// <summary>Far past any real catalogue, and small enough that <c>pageIndex * pageSize</c> stays an int.</summary>
    public const int MaxPageIndex = 10_000;

    public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog").WithTags("Catalog").RequireDatabase();

        api.MapGet("/products", ListProducts).WithSummary("Active products, a page at a time, optionally of one category.");
        api.MapGet("/products/{id:int}", GetProductById).WithSummary("A product by id.");
        api.MapGet("/products/by-sku/{sku}", GetProductBySku).WithSummary("A product by SKU.");
        api.MapGet("/products/by-labels", GetProductsByLabels).WithSummary("The active products the detection model knows by these labels.");
        api.MapGet("/products/{id:int}/image", GetProductImage).WithSummary("The product image, with ETag and cache headers.");
        api.MapGet("/categories", GetCategories).WithSummary("All categories.");

        return api;
    }

    public static async Task<Results<Ok<PaginatedItems<ProductItem>>, ValidationProblem>> ListProducts(
        ProductQueries queries,
        CancellationToken cancellationToken,
        int pageIndex = 0,
        int pageSize = 20,
        string? category = null,
        string sort = ProductSort.Name)
    {
        var errors = new Dictionary<string, string[]>();
        if (pageIndex is < 0 or > MaxPageIndex)
        {
            errors["pageIndex"] = [$"pageIndex must be between 0 and {MaxPageIndex}."];
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }

        if (!ProductSort.All.Contains(sort))
        {
            errors["sort"] = [$"sort must be one of: {string.Join(", ", ProductSort.All)}."];
        }

        category = string.IsNullOrWhiteSpace(category) ? null : category;
        if (category is not null && !(await queries.GetCategoriesAsync(cancellationToken)).Any(c => c.Slug == category))
        {
            errors["category"] = ["category must be the slug of a category (GET /api/catalog/categories)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await queries.ListAsync(pageIndex, pageSize, category, sort, cancellationToken));
    }

    public static async Task<Results<Ok<ProductItem>, ProblemHttpResult>> GetProductById(
        int id, ProductQueries queries, CancellationToken cancellationToken) =>
        await queries.GetByIdAsync(id, cancellationToken) is { } product
            ? TypedResults.Ok(product)
            : CatalogProblems.ProductNotFound(id);

    public static async Task<Results<Ok<ProductItem>, ProblemHttpResult>> GetProductBySku(
        string sku, ProductQueries queries, CancellationToken cancellationToken) =>
        await queries.GetBySkuAsync(sku, cancellationToken) is { } product
            ? TypedResults.Ok(product)
            : CatalogProblems.ProductNotFound(sku);

    public static async Task<Results<Ok<List<ProductItem>>, ValidationProblem>> GetProductsByLabels(
        [FromQuery] string[]? labels, ProductQueries queries, CancellationToken cancellationToken)
    {
        var distinct = (labels ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).Distinct(StringComparer.Ordinal).ToArray();
        if (distinct.Length is 0 or > MaxLabels || !distinct.All(ProductValidation.IsDetectionLabel))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["labels"] = [$"Give 1 to {MaxLabels} labels of a-z, 0-9 and '_', e.g. ?labels=melona&labels=pig_bar."],
            });
        }

        return TypedResults.Ok(await queries.GetByLabelsAsync(distinct, cancellationToken));
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetProductImage(
        int id, HttpContext httpContext, ProductQueries queries, CatalogContext context, CancellationToken cancellationToken)
    {
        var product = await queries.GetByIdAsync(id, cancellationToken);
        var etag = product?.ImageUrl is null ? null : await context.ProductImages.AsNoTracking()
            .Where(i => i.ProductId == id).Select(i => i.ETag).FirstOrDefaultAsync(cancellationToken);
        if (etag is null)
        {
            return CatalogProblems.NotFound("Image not found", $"Product {id} has no image.");
        }

        var entityTag = new EntityTagHeaderValue($"\"{etag}\"");
        var headers = httpContext.Response.GetTypedHeaders();
        headers.ETag = entityTag;
        headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) };
        var requested = httpContext.Request.GetTypedHeaders().IfNoneMatch;
        if (requested.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(entityTag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var image = await context.ProductImages.AsNoTracking()
            .Where(i => i.ProductId == id)
            .Select(i => new { i.Data, i.ContentType })
            .FirstAsync(cancellationToken);
        return TypedResults.File(image.Data, image.ContentType);
    }

    public static async Task<Ok<List<CategoryItem>>> GetCategories(ProductQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.GetCategoriesAsync(cancellationToken));
}
