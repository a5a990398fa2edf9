namespace IceCheckout.Cart.Model;

/// <summary>A checkout request by its <c>Idempotency-Key</c>: what it asked, the order it made and, once final, its answer.</summary>
public class IdempotencyRecord
{
    public required string Key { get; set; }

    /// <summary>SHA-256 of the cart and body, so the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    public Guid? OrderId { get; set; }

    public int? ResponseStatus { get; set; }

    public string? ResponseBody { get; set; }

    /// <summary>Whoever works on the request holds it until this time; a second request meanwhile gets 409.</summary>
    public DateTimeOffset LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
