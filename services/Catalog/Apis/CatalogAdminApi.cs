using IceCheckout.ServiceDefaults.Authentication;
using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.Infrastructure.Images;
using IceCheckout.Catalog.Model;
using IceCheckout.Catalog.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MySqlConnector;

namespace IceCheckout.Catalog.Apis;

public static class CatalogAdminApi
{
    public static RouteGroupBuilder MapCatalogAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog/admin")
            .WithTags("Catalog staff")
            .RequireAuthorization(ApiKeyRoles.StaffPolicy)
            .RequireDatabase();

        api.MapPost("/products", CreateProduct).WithSummary("Adds a product.");
        api.MapPut("/products/{id:int}", UpdateProduct).WithSummary("Replaces a product's description and price; send the version you read.");
        api.MapDelete("/products/{id:int}", DeleteProduct).WithSummary("Soft-deletes a product: it leaves the public catalogue, its history stays.");
        api.MapPut("/products/{id:int}/price", SetPrice).WithSummary("Sets the price in won.");
        api.MapPost("/products/{id:int}/stock-adjustments", AdjustStock).WithSummary("Changes the stock by a delta, with a reason.");
        api.MapGet("/products/{id:int}/stock-movements", GetStockMovements).WithSummary("The latest stock changes and their reasons.");
        // No Accepts metadata: a wrong content type must reach the handler and get a 400 naming the image, not a bare 415.
        api.MapPut("/products/{id:int}/image", UploadImage)
            .WithSummary("Replaces the product image: the request body is the PNG, JPEG or WebP file (at most 5 MB, 16 to 4096 px a side).");

        return api;
    }

    public static async Task<Results<Created<ProductItem>, ValidationProblem, ProblemHttpResult>> CreateProduct(
        CreateProductRequest request, CatalogContext context, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        var category = await FindCategoryAsync(context, request.Category, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var product = new Product
        {
            Sku = request.Sku!,
            DetectionLabel = request.DetectionLabel,
            NameKo = request.NameKo!,
            NameEn = request.NameEn!,
            Brand = request.Brand!,
            Category = category,
            Price = request.Price,
            Stock = request.Stock,
            IsActive = request.IsActive,
        };
        context.Products.Add(product);
        if (await TrySaveAsync(context, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Created($"/api/catalog/products/{product.Id}", ProductItem.From(product, category!.Slug));
    }

    public static async Task<Results<Ok<ProductItem>, ValidationProblem, ProblemHttpResult>> UpdateProduct(
        int id, UpdateProductRequest request, CatalogContext context, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        var category = await FindCategoryAsync(context, request.Category, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var product = await FindProductAsync(context, id, cancellationToken);
        if (product is null)
        {
            return CatalogProblems.ProductNotFound(id);
        }

        // The caller's version becomes the condition of the UPDATE, so a write based on a stale read loses with 409.
        context.Entry(product).Property(p => p.Version).OriginalValue = request.Version;
        product.Sku = request.Sku!;
        product.DetectionLabel = request.DetectionLabel;
        product.NameKo = request.NameKo!;
        product.NameEn = request.NameEn!;
        product.Brand = request.Brand!;
        product.Category = category;
        product.Price = request.Price;
        product.IsActive = request.IsActive;
        if (await TrySaveAsync(context, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(ProductItem.From(product, category!.Slug));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteProduct(
        int id, CatalogContext context, CancellationToken cancellationToken)
    {
        var product = await FindProductAsync(context, id, cancellationToken);
        if (product is null)
        {
            return CatalogProblems.ProductNotFound(id);
        }

        product.DeletedAt = DateTimeOffset.UtcNow;
        product.IsActive = false;
        if (await TrySaveAsync(context, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<ProductItem>, ValidationProblem, ProblemHttpResult>> SetPrice(
        int id, SetPriceRequest request, CatalogContext context, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var product = await FindProductAsync(context, id, cancellationToken);
        if (product is null)
        {
            return CatalogProblems.ProductNotFound(id);
        }

        product.Price = request.Price;
        if (await TrySaveAsync(context, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(ProductItem.From(product, product.Category!.Slug));
    }

    public static async Task<Results<Ok<ProductItem>, ValidationProblem, ProblemHttpResult>> AdjustStock(
        int id, AdjustStockRequest request, StockService stock, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await stock.AdjustAsync(id, request.Delta, "staff: " + request.Reason!.Trim(), cancellationToken);
        return outcome.Failure switch
        {
            StockFailure.None => TypedResults.Ok(ProductItem.From(outcome.Product!, outcome.Product!.Category!.Slug)),
            StockFailure.UnknownProduct => CatalogProblems.NotFound("Product not found", outcome.Detail!),
            _ => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["delta"] = [outcome.Detail!] }),
        };
    }

    public static async Task<Results<Ok<List<StockMovementItem>>, ProblemHttpResult>> GetStockMovements(
        int id, CatalogContext context, CancellationToken cancellationToken, int take = 50)
    {
        if (!await context.Products.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return CatalogProblems.ProductNotFound(id);
        }

        var movements = await context.StockMovements.AsNoTracking()
            .Where(m => m.ProductId == id)
            .OrderByDescending(m => m.Id)
            .Take(Math.Clamp(take, 1, 500))
            .Select(m => new StockMovementItem(m.Delta, m.StockAfter, m.Reason, m.CreatedAt))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(movements);
    }

    public static async Task<Results<Ok<ProductItem>, ValidationProblem, ProblemHttpResult>> UploadImage(
        int id, HttpRequest httpRequest, CatalogContext context, CancellationToken cancellationToken)
    {
        var upload = await ImageUpload.ReadAsync(httpRequest, cancellationToken);
        if (upload.Error is not null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["image"] = [upload.Error] });
        }

        var product = await FindProductAsync(context, id, cancellationToken);
        if (product is null)
        {
            return CatalogProblems.ProductNotFound(id);
        }

        var image = upload.Image!;
        var stored = await context.ProductImages.FindAsync([id], cancellationToken);
        if (stored is null)
        {
            stored = new ProductImage { ProductId = id, ContentType = image.ContentType, Data = image.Data, ETag = image.ETag };
            context.ProductImages.Add(stored);
        }

        stored.ContentType = image.ContentType;
        stored.Data = image.Data;
        stored.ETag = image.ETag;
        stored.Width = image.Width;
        stored.Height = image.Height;
        stored.IsPlaceholder = false;
        stored.UpdatedAt = DateTimeOffset.UtcNow;
        product.ImageETag = image.ETag;
        if (await TrySaveAsync(context, cancellationToken) is { } conflict)
        {
            return conflict;
        }
        return TypedResults.Ok(ProductItem.From(product, product.Category!.Slug));
    }

    private static Task<Product?> FindProductAsync(CatalogContext context, int id, CancellationToken cancellationToken) =>
        context.Products.Include(p => p.Category).FirstOrDefaultAsync(p => p.Id == id && p.DeletedAt == null, cancellationToken);

    private static async Task<Category?> FindCategoryAsync(
        CatalogContext context, string? slug, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return null;
        }

        var category = await context.Categories.FirstOrDefaultAsync(c => c.Slug == slug, cancellationToken);
        if (category is null)
        {
            errors["category"] = [$"Unknown category '{slug}'."];
        }

        return category;
    }

    /// <summary>Saves, turning a lost optimistic-concurrency race or a taken SKU or label into a 409 problem.</summary>
    private static async Task<ProblemHttpResult?> TrySaveAsync(CatalogContext context, CancellationToken cancellationToken)
    {
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return CatalogProblems.Conflict(
                "Product changed meanwhile",
                "Someone else changed this product since you read it; read it again and reapply your change.");
        }
        catch (DbUpdateException ex) when (ex.InnerException is MySqlException { ErrorCode: MySqlErrorCode.DuplicateKeyEntry } duplicate)
        {
            var field = duplicate.Message.Contains("DetectionLabel", StringComparison.OrdinalIgnoreCase) ? "detection label" : "SKU";
            return CatalogProblems.Conflict($"Duplicate {field}", $"Another product already has this {field}.");
        }
    }
}
