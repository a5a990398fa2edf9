namespace IceCheckout.Search.Matching;

/// <summary>The key-form fields both engines index (whitespace-separated key forms; <c>_edge</c> fields also hold every prefix).</summary>
public static class IndexFields
{
    /// <summary>Each word of the Korean and English names.</summary>
    public const string NameWords = "name_words";
    public const string NameWordsEdge = "name_words_edge";

    /// <summary>Each name without spaces, for spacing variants and for prefixes running across words.</summary>
    public const string NameCompact = "name_compact";
    public const string NameCompactEdge = "name_compact_edge";

    /// <summary>The Korean name from its second syllable on (싸만코 of 붕어싸만코), prefixes only.</summary>
    public const string NameInnerEdge = "name_inner_edge";

    /// <summary>The initial consonants of the Korean name, per word and without spaces (ㅂㅇㅆㅁㅋ).</summary>
    public const string NameInitialsEdge = "name_initials_edge";

    /// <summary>Brand, category, SKU and their aliases (빙그레 and binggrae, bar and 바).</summary>
    public const string TagWords = "tag_words";
    public const string TagWordsEdge = "tag_words_edge";

    public static bool IsEdge(string field) => field.EndsWith("_edge", StringComparison.Ordinal);

}
