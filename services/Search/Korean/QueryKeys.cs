namespace IceCheckout.Search.Korean;

/// <summary>
/// What a shopper typed, in the key form both engines match: each word, all of it without spaces (spacing variants), and
/// whether it is an initial-consonant (초성) query, which matches the initials of the names instead.
/// </summary>
public sealed record QueryKeys(IReadOnlyList<string> Words, string Compact, bool IsInitials)
{
    /// <summary>Words this long or longer also match with one wrong, missing or extra key.</summary>
    public const int FuzzyMinimumLength = 3;

    /// <summary>Key forms longer than this are cut: no product word is that long, and the engines' query size stays bounded.</summary>
    public const int MaximumKeys = 64;

    public bool IsEmpty => Compact.Length == 0;

    public static QueryKeys Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return new QueryKeys([], "", false);
        }

        var words = KeyForm.Words(query).Select(word => Cut(word.Keys)).Distinct().Take(8).ToList();
        return new QueryKeys(words, Cut(string.Concat(words)), KeyForm.IsInitialsOnly(query));
    }

    private static string Cut(string keys) => keys.Length > MaximumKeys ? keys[..MaximumKeys] : keys;
}
