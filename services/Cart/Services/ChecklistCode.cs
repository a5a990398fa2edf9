using System.Security.Cryptography;

namespace IceCheckout.Cart.Services;

/// <summary>Short codes a person can read off a phone and type at a kiosk: no 0/O or 1/I to confuse.</summary>
public static class ChecklistCode
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public const int Length = 8;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as stored (upper case), or <c>null</c> when it cannot be one of ours.</summary>
    public static string? Normalize(string? code)
    {
        var upper = code?.Trim().ToUpperInvariant();
        return upper is { Length: Length } && upper.All(Alphabet.Contains) ? upper : null;
    }
}
