using IceCheckout.Cart.Activity;
using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Cart.Infrastructure.Redis;
using IceCheckout.Cart.IntegrationEvents;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Apis;

public static class ChecklistApi
{
    public static RouteGroupBuilder MapChecklistApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checklists").WithTags("Checklists");

        api.MapPost("/", CreateChecklist).WithSummary("A new shopping checklist with a short code (no 0/O, 1/I) for a QR code; kept 30 days after its last change.");
        api.MapGet("/{code}", GetChecklist).WithSummary("A checklist by its code.");
        api.MapPut("/{code}/items/{productId:int}", SetItem).WithSummary("How many of a product the shopper wants.");
        api.MapDelete("/{code}/items/{productId:int}", RemoveItem).WithSummary("Takes a product off the checklist.");

        return api;
    }

    public static async Task<Created<ChecklistCreated>> CreateChecklist(ChecklistStore checklists)
    {
        var checklist = await checklists.CreateAsync();
        return TypedResults.Created($"/api/checklists/{checklist.Code}", new ChecklistCreated(checklist.Id, checklist.Code));
    }

    public static async Task<Results<Ok<ChecklistResponse>, ProblemHttpResult>> GetChecklist(
        string code, ChecklistStore checklists, CatalogClient catalog, CancellationToken cancellationToken) =>
        ChecklistCode.Normalize(code) is { } normalized && await checklists.GetAsync(normalized) is { } checklist
            ? TypedResults.Ok(await DescribeAsync(checklist, checklists.Lifetime, catalog, cancellationToken))
            : NoChecklist(code);

    public static async Task<Results<Ok<ChecklistResponse>, ProblemHttpResult>> SetItem(
        string code, int productId, SetChecklistItemRequest request, ChecklistStore checklists, CatalogClient catalog, ActivityPublisher activity,
        IOptions<CartOptions> cartOptions, IOptions<ChecklistOptions> options, CancellationToken cancellationToken)
    {
        var max = cartOptions.Value.MaxQuantity;
        if (request.Quantity is not { } quantity || quantity < 1 || quantity > max)
        {
            return CartProblems.Invalid("quantity", $"quantity must be between 1 and {max}.");
        }

        if (ChecklistCode.Normalize(code) is not { } normalized || await checklists.GetAsync(normalized) is not { } current)
        {
            return NoChecklist(code);
        }

        if (current.Items.All(i => i.ProductId != productId) && current.Items.Count >= options.Value.MaxItems)
        {
            return CartProblems.Invalid("productId", $"A checklist holds at most {options.Value.MaxItems} products.");
        }

        if (await catalog.GetProductAsync(productId, cancellationToken) is null)
        {
            return CartProblems.NotFound($"No product {productId} in the catalogue.");
        }

        var added = false;
        var changed = await checklists.UpdateAsync(normalized, checklist =>
        {
            added = checklist.Items.All(i => i.ProductId != productId);
            return checklist with
            {
                Items = added
                    ? [.. checklist.Items, new ChecklistItemState(productId, quantity)]
                    : [.. checklist.Items.Select(i => i.ProductId == productId ? i with { Quantity = quantity } : i)],
            };
        });
        if (changed is null)
        {
            return NoChecklist(code);
        }

        if (added)
        {
            await activity.PublishAsync(new ChecklistItemAddedIntegrationEvent(changed.Code, productId, quantity), cancellationToken);
        }

        return TypedResults.Ok(await DescribeAsync(changed, checklists.Lifetime, catalog, cancellationToken));
    }

    public static async Task<Results<Ok<ChecklistResponse>, ProblemHttpResult>> RemoveItem(
        string code, int productId, ChecklistStore checklists, CatalogClient catalog, CancellationToken cancellationToken)
    {
        if (ChecklistCode.Normalize(code) is not { } normalized)
        {
            return NoChecklist(code);
        }

        var changed = await checklists.UpdateAsync(normalized, checklist => checklist with { Items = [.. checklist.Items.Where(i => i.ProductId != productId)] });
        return changed is null ? NoChecklist(code) : TypedResults.Ok(await DescribeAsync(changed, checklists.Lifetime, catalog, cancellationToken));
    }

    private static async Task<ChecklistResponse> DescribeAsync(ChecklistState checklist, TimeSpan lifetime, CatalogClient catalog, CancellationToken cancellationToken)
    {
        var products = await Task.WhenAll(checklist.Items.Select(i => catalog.GetProductAsync(i.ProductId, cancellationToken)));
        var items = checklist.Items.Zip(products, (item, product) =>
            new ChecklistItemResponse(item.ProductId, item.Quantity, product?.Sku, product?.NameKo, product?.NameEn, product?.ImageUrl, product?.Price)).ToList();
        return new ChecklistResponse(checklist.Id, checklist.Code, items, checklist.UpdatedAt, checklist.UpdatedAt + lifetime);
    }

    private static ProblemHttpResult NoChecklist(string code) => CartProblems.NotFound($"No checklist has code '{code}' (it may have expired).");
}
