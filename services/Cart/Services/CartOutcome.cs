namespace IceCheckout.Cart.Services;

public enum CartFailure
{
    None,
    NotFound,
    Closed,
    Invalid,
    Unavailable,
}

/// <summary>What a cart operation came to; the API turns a failure into its ProblemDetails.</summary>
public sealed record CartOutcome<T>(CartFailure Failure, T? Value = default, string? Field = null, string? Detail = null);

public static class CartOutcome
{
    public static CartOutcome<T> Ok<T>(T value) => new(CartFailure.None, value);

    public static CartOutcome<T> NotFound<T>(string detail) => new(CartFailure.NotFound, Detail: detail);

    public static CartOutcome<T> Closed<T>(Guid cartId) => new(CartFailure.Closed, Detail: $"Cart {cartId} is checked out; start a new cart.");

    public static CartOutcome<T> Invalid<T>(string field, string detail) => new(CartFailure.Invalid, Field: field, Detail: detail);

    public static CartOutcome<T> Unavailable<T>(string detail) => new(CartFailure.Unavailable, Detail: detail);
}
