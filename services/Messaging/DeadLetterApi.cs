using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IceCheckout.Messaging;

public sealed record DeadLettersChanged(string Queue, int Count);

/// <summary>The staff endpoints over <see cref="IDeadLetterQueues"/>; each service maps them under its own admin path and policy.</summary>
public static class DeadLetterApi
{
    public static RouteGroupBuilder MapDeadLetterApi(this IEndpointRouteBuilder app, string prefix)
    {
        var api = app.MapGroup(prefix).WithTags("Dead letters");
        api.MapGet("/", List).WithSummary("This service's work queues and how many dead letters each holds.");
        api.MapGet("/{queue}", Peek).WithSummary("The oldest dead letters of a queue (max 1-100, default 20), left in place.");
        api.MapPost("/{queue}/replay", Replay).WithSummary("Moves the oldest dead letters (max 1-1000, default all up to 1000) back into their queue with fresh attempts.");
        api.MapDelete("/{queue}", Drop).WithSummary("Deletes the oldest dead letters of a queue (max 1-1000, default all up to 1000).");
        return api;
    }

    public static async Task<Results<Ok<IReadOnlyList<DeadLetterQueueInfo>>, ProblemHttpResult>> List(
        IDeadLetterQueues deadLetters, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await deadLetters.ListAsync(cancellationToken));
        }
        catch (MessagingUnavailableException ex)
        {
            return Unavailable(ex);
        }
    }

    public static async Task<Results<Ok<IReadOnlyList<DeadLetter>>, ProblemHttpResult>> Peek(
        string queue, int? max, IDeadLetterQueues deadLetters, CancellationToken cancellationToken)
    {
        if (Check(queue, max, 100, deadLetters) is { } problem)
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(await deadLetters.PeekAsync(queue, max ?? 20, cancellationToken));
        }
        catch (MessagingUnavailableException ex)
        {
            return Unavailable(ex);
        }
    }

    public static async Task<Results<Ok<DeadLettersChanged>, ProblemHttpResult>> Replay(
        string queue, int? max, IDeadLetterQueues deadLetters, CancellationToken cancellationToken)
    {
        if (Check(queue, max, 1000, deadLetters) is { } problem)
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(new DeadLettersChanged(queue, await deadLetters.ReplayAsync(queue, max ?? 1000, cancellationToken)));
        }
        catch (MessagingUnavailableException ex)
        {
            return Unavailable(ex);
        }
    }

    public static async Task<Results<Ok<DeadLettersChanged>, ProblemHttpResult>> Drop(
        string queue, int? max, IDeadLetterQueues deadLetters, CancellationToken cancellationToken)
    {
        if (Check(queue, max, 1000, deadLetters) is { } problem)
        {
            return problem;
        }

        try
        {
            return TypedResults.Ok(new DeadLettersChanged(queue, await deadLetters.DropAsync(queue, max ?? 1000, cancellationToken)));
        }
        catch (MessagingUnavailableException ex)
        {
            return Unavailable(ex);
        }
    }

    private static ProblemHttpResult? Check(string queue, int? max, int limit, IDeadLetterQueues deadLetters)
    {
        if (max is < 1 || max > limit)
        {
            return TypedResults.Problem(
                title: "Invalid max", detail: $"max must be between 1 and {limit}.", statusCode: StatusCodes.Status400BadRequest);
        }

        return deadLetters.Knows(queue)
            ? null
            : TypedResults.Problem(
                title: "Queue not found", detail: $"'{queue}' is not a work queue of this service.", statusCode: StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult Unavailable(MessagingUnavailableException ex) =>
        TypedResults.Problem(title: "RabbitMQ unavailable", detail: "The dead-letter queues cannot be read right now.", statusCode: StatusCodes.Status503ServiceUnavailable,
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 5 });
}
