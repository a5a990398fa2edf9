using IceCheckout.ServiceDefaults.Authentication;
using IceCheckout.Catalog.Infrastructure;
using IceCheckout.Catalog.Model;
using IceCheckout.Catalog.Services;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Catalog.Apis;

public static class StockApi
{
    public static RouteGroupBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalog/stock")
            .WithTags("Stock reservations")
            .RequireAuthorization(ApiKeyRoles.StaffOrServicePolicy)
            .RequireDatabase();

        api.MapPost("/reservations", Reserve)
            .WithSummary("Holds stock for all lines of an order, or for none (409 when one is short). Repeating it for the same order returns the same reservation.");
        api.MapGet("/reservations/{orderId:guid}", GetReservation).WithSummary("A reservation and its state: Held, Committed (paid) or Released.");
        api.MapDelete("/reservations/{orderId:guid}", Release)
            .WithSummary("Gives a held reservation's stock back (checkout abandoned or payment failed). Idempotent.");

        return api;
    }

    public static async Task<Results<Created<StockReservationItem>, Ok<StockReservationItem>, ValidationProblem, ProblemHttpResult>> Reserve(
        ReserveStockRequest request, StockService stock, CancellationToken cancellationToken)
    {
        var errors = ProductValidation.Validate(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var outcome = await stock.ReserveAsync(request.OrderId, request.Lines!, cancellationToken);
        return outcome.Failure switch
        {
            StockFailure.None when outcome.Created => TypedResults.Created($"/api/catalog/stock/reservations/{request.OrderId}", StockReservationItem.From(outcome.Reservation!)),
            StockFailure.None => TypedResults.Ok(StockReservationItem.From(outcome.Reservation!)),
            StockFailure.UnknownProduct => CatalogProblems.NotFound("Product not found", outcome.Detail!),
            StockFailure.InsufficientStock => CatalogProblems.Conflict("Insufficient stock", outcome.Detail!),
            _ => CatalogProblems.Conflict("Reservation conflict", outcome.Detail!),
        };
    }

    public static async Task<Results<Ok<StockReservationItem>, ProblemHttpResult>> GetReservation(
        Guid orderId, CatalogContext context, CancellationToken cancellationToken)
    {
        var reservation = await context.StockReservations.AsNoTracking().Include(r => r.Lines)
            .FirstOrDefaultAsync(r => r.OrderId == orderId, cancellationToken);
        return reservation is null
            ? CatalogProblems.NotFound("Reservation not found", $"Order {orderId} holds no reservation.")
            : TypedResults.Ok(StockReservationItem.From(reservation));
    }

    public static async Task<Results<Ok<StockReservationItem>, ProblemHttpResult>> Release(
        Guid orderId, StockService stock, CancellationToken cancellationToken)
    {
        var outcome = await stock.ReleaseAsync(orderId, "reservation released", cancellationToken);
        return outcome.Failure switch
        {
            StockFailure.None => TypedResults.Ok(StockReservationItem.From(outcome.Reservation!)),
            StockFailure.UnknownReservation => CatalogProblems.NotFound("Reservation not found", outcome.Detail!),
            _ => CatalogProblems.Conflict("Reservation already paid", outcome.Detail!),
        };
    }
}
