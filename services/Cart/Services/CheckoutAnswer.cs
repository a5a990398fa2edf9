using System.Text.Json;
using IceCheckout.Cart.Model;
using Microsoft.AspNetCore.Mvc;

namespace IceCheckout.Cart.Services;

/// <summary>A checkout's HTTP answer as it is stored for its <c>Idempotency-Key</c> and replayed byte for byte.</summary>
public sealed record CheckoutAnswer(int Status, string Body, bool IsProblem, bool Replayed = false)
{
    public static CheckoutAnswer Receipt(int status, Order order) =>
        new(status, JsonSerializer.Serialize(OrderResponse.From(order), JsonSerializerOptions.Web), IsProblem: false);

    public static CheckoutAnswer Problem(int status, string title, string detail, Guid? orderId = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (orderId is not null)
        {
            problem.Extensions["orderId"] = orderId;
        }

        return new(status, JsonSerializer.Serialize(problem, JsonSerializerOptions.Web), IsProblem: true);
    }

    /// <summary>Final answers are kept for the key; a 503 or an unknown payment outcome (202) is not, so a retry does the work.</summary>
    public bool IsFinal => Status is not (StatusCodes.Status202Accepted or StatusCodes.Status503ServiceUnavailable);
}
