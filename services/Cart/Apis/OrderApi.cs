using IceCheckout.Cart.Model;
using IceCheckout.Cart.Services;
using IceCheckout.ServiceDefaults.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace IceCheckout.Cart.Apis;

public static class OrderApi
{
    public const int MaxPageSize = 100;
    public const int MaxPageIndex = 10_000;

    public static IEndpointRouteBuilder MapOrderApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/carts/{id:guid}/checkout", Checkout)
            .WithTags("Checkout")
            .RequireOrdersDatabase()
            .Produces<OrderResponse>(StatusCodes.Status201Created)
            .Produces<OrderResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Pays for the cart: header Idempotency-Key (required), body { paymentToken }. 201 with the receipt; 202 while the payment's outcome is unknown (retry with the same key).");

        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireOrdersDatabase();
        orders.MapGet("/{id:guid}", GetReceipt).WithSummary("The receipt: lines, prices, total, payment reference and state history.");

        orders.MapGet("/", ListOrders).RequireAuthorization(ApiKeyRoles.StaffOrServicePolicy)
            .WithSummary("Orders, newest first, paged, optionally by creation time and state (staff, or a service such as Search's feed rebuild).");
        var staff = orders.MapGroup("/").RequireAuthorization(ApiKeyRoles.StaffPolicy);
        staff.MapPost("/{id:guid}/refund", Refund).WithSummary("Refunds a paid order in full; restock: true puts its products back in stock (staff). Idempotent.");

        return app;
    }

    public static async Task<Results<CheckoutResult, ProblemHttpResult>> Checkout(
        Guid id,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        CheckoutRequest request,
        CheckoutService checkout,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey) || idempotencyKey.Length > IdempotencyStore.MaxKeyLength)
        {
            return CartProblems.Invalid("Idempotency-Key", $"The header Idempotency-Key is required (1 to {IdempotencyStore.MaxKeyLength} characters, one per checkout attempt).");
        }

        if (string.IsNullOrWhiteSpace(request.PaymentToken) || request.PaymentToken.Length > 100)
        {
            return CartProblems.Invalid("paymentToken", "paymentToken is required (at most 100 characters).");
        }

        return new CheckoutResult(await checkout.CheckoutAsync(id, idempotencyKey, request, cancellationToken));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> GetReceipt(Guid id, OrderService orders, CancellationToken cancellationToken) =>
        await orders.FindAsync(id, cancellationToken) is { } order
            ? TypedResults.Ok(OrderResponse.From(order))
            : CartProblems.NotFound($"No order {id}.");

    public static async Task<Results<Ok<PaginatedItems<OrderSummary>>, ProblemHttpResult>> ListOrders(
        OrderService orders,
        CancellationToken cancellationToken,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        string? state = null,
        int pageIndex = 0,
        int pageSize = 20)
    {
        if (state is not null && !OrderStates.All.Contains(state))
        {
            return CartProblems.Invalid("state", $"state must be one of: {string.Join(", ", OrderStates.All)}.");
        }

        if (from is not null && to is not null && from > to)
        {
            return CartProblems.Invalid("from", "from must not be after to.");
        }

        if (pageIndex is < 0 or > MaxPageIndex)
        {
            return CartProblems.Invalid("pageIndex", $"pageIndex must be between 0 and {MaxPageIndex}.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return CartProblems.Invalid("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        return TypedResults.Ok(await orders.ListAsync(from, to, state, pageIndex, pageSize, cancellationToken));
    }

    public static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Refund(
        Guid id, RefundRequest? request, OrderService orders, CancellationToken cancellationToken)
    {
        var (failure, order) = await orders.RefundAsync(id, request ?? new RefundRequest(), cancellationToken);
        return failure switch
        {
            RefundFailure.None => TypedResults.Ok(OrderResponse.From(order!)),
            RefundFailure.NotFound => CartProblems.NotFound($"No order {id}."),
            _ => CartProblems.Conflict("Order not paid", $"Order {id} is {order!.State}; only a paid order can be refunded."),
        };
    }
}
