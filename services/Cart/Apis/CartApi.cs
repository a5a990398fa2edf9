using IceCheckout.Cart.Infrastructure.Redis;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Apis;

public static class CartApi
{
    public static RouteGroupBuilder MapCartApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/carts").WithTags("Carts");

        api.MapPost("/", CreateCart).WithSummary("A new, empty cart for one kiosk session; it expires after 30 minutes without activity.");
        api.MapGet("/{id:guid}", GetCart).WithSummary("The cart priced with Catalog's current prices.");
        api.MapPost("/{id:guid}/scan", Scan)
            .DisableAntiforgery()
            .WithSummary("1-5 frames of the tray (multipart field 'frames' or 'image'): the scanned lines become what the tray shows; manual lines stay.");
        api.MapPost("/{id:guid}/lines", AddLine).WithSummary("Adds a product by SKU or id; adding to an existing line adds to its quantity.");
        api.MapPut("/{id:guid}/lines/{productId:int}", SetQuantity).WithSummary("Sets a line's quantity; 0 removes it.");
        api.MapDelete("/{id:guid}/lines/{productId:int}", RemoveLine).WithSummary("Removes a line.");
        api.MapPost("/{id:guid}/lines/{productId:int}/resolve", ResolveLine)
            .WithSummary("Settles a scanned line: confirm it, swap it for the product really on the tray, or remove it. Recorded with the scan.");
        api.MapPost("/{id:guid}/checklist", LinkChecklist).WithSummary("Links a checklist by its code; the cart then shows what is ticked off.");

        return api;
    }

    public static async Task<Created<CartResponse>> CreateCart(CartStore carts, CartPricing pricing, CancellationToken cancellationToken)
    {
        var cart = await carts.CreateAsync();
        return TypedResults.Created($"/api/carts/{cart.Id}", await pricing.PriceAsync(cart, cancellationToken));
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> GetCart(
        Guid id, CartService carts, HttpResponse response, CancellationToken cancellationToken) =>
        Answer(await carts.GetAsync(id, cancellationToken), response);

    public static async Task<Results<Ok<ScanResponse>, ProblemHttpResult>> Scan(
        Guid id, HttpRequest request, ScanService scans, IOptions<ScanOptions> options, CancellationToken cancellationToken)
    {
        var (frames, problem) = await ScanForm.ReadAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await scans.ScanAsync(id, frames!, cancellationToken);
        return outcome.Failure == CartFailure.None ? TypedResults.Ok(outcome.Value) : CartProblems.Of(outcome, request.HttpContext.Response);
    }

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> AddLine(
        Guid id, AddLineRequest request, CartService carts, HttpResponse response, CancellationToken cancellationToken) =>
        Answer(await carts.AddLineAsync(id, request, cancellationToken), response);

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> SetQuantity(
        Guid id, int productId, SetQuantityRequest request, CartService carts, HttpResponse response, CancellationToken cancellationToken) =>
        Answer(await carts.SetQuantityAsync(id, productId, request, cancellationToken), response);

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> RemoveLine(
        Guid id, int productId, CartService carts, HttpResponse response, CancellationToken cancellationToken) =>
        Answer(await carts.RemoveLineAsync(id, productId, cancellationToken), response);

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> ResolveLine(
        Guid id, int productId, ResolveLineRequest request, CartService carts, HttpResponse response, CancellationToken cancellationToken) =>
        Answer(await carts.ResolveAsync(id, productId, request, cancellationToken), response);

    public static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> LinkChecklist(
        Guid id, LinkChecklistRequest request, CartService carts, HttpResponse response, CancellationToken cancellationToken) =>
        Answer(await carts.LinkChecklistAsync(id, request, cancellationToken), response);

    private static Results<Ok<CartResponse>, ProblemHttpResult> Answer(CartOutcome<CartResponse> outcome, HttpResponse response) =>
        outcome.Failure == CartFailure.None ? TypedResults.Ok(outcome.Value) : CartProblems.Of(outcome, response);
}
