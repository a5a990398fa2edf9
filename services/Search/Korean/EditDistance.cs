namespace IceCheckout.Search.Korean;

/// <summary>Whether two short key strings are at most one wrong, missing or extra key apart (hand-written: a two-pointer walk is all it takes).</summary>
public static class EditDistance
{
    public static bool AtMostOne(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return a.Length == b.Length ? a[(i + Math.Min(1, a.Length - i))..].SequenceEqual(b[(i + Math.Min(1, b.Length - i))..])
            : a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..])
            : a[i..].SequenceEqual(b[(i + 1)..]);
    }
}
