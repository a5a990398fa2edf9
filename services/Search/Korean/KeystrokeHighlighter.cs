using System.Net;
using System.Text;

namespace IceCheckout.Search.Korean;

/// <summary>
/// Marks the characters of a name that a query matched, as <c>&lt;em&gt;…&lt;/em&gt;</c> around HTML-encoded text. The
/// matching happens on key forms, which an engine's own highlighter cannot map back to syllables, hence this one:
/// 멜 marks 메로 of 메로나 (its keys reach into 로), ㅁㄹㄴ marks 메로나, apfhsk marks 메로나.
/// </summary>
public static class KeystrokeHighlighter
{
    public static string? Highlight(string name, QueryKeys query)
    {
        if (query.IsEmpty || string.IsNullOrEmpty(name))
        {
            return null;
        }

        var text = KeyForm.Normalize(name).Length == name.Length ? name : name.Normalize(System.Text.NormalizationForm.FormC);
        var words = KeyForm.Words(text);
        var marked = new bool[text.Length];
        var patterns = query.Words.Count > 1 ? [.. query.Words, query.Compact] : query.Words;
        foreach (var pattern in patterns)
        {
            for (var first = 0; first < words.Count; first++)
            {
                if (query.IsInitials)
                {
                    MarkInitials(text, words, first, pattern, marked);
                }
                else if (!MarkPrefix(words, first, pattern, marked) && pattern.Length >= QueryKeys.FuzzyMinimumLength)
                {
                    MarkNearPrefix(words[first], pattern, marked);
                }
            }
        }

        return marked.Any(m => m) ? Render(text, marked) : null;
    }

    // The pattern is a prefix of the keys from this word on (across spaces): mark each character whose keys it reaches.
    private static bool MarkPrefix(IReadOnlyList<KeyedWord> words, int first, string pattern, bool[] marked)
    {
        var remaining = pattern.AsSpan();
        var toMark = new List<int>();
        for (var w = first; w < words.Count && remaining.Length > 0; w++)
        {
            var word = words[w];
            var length = Math.Min(remaining.Length, word.Keys.Length);
            if (!word.Keys.AsSpan(0, length).SequenceEqual(remaining[..length]))
            {
                return false;
            }

            for (var c = 0; c < word.KeyEnds.Count && (c == 0 || word.KeyEnds[c - 1] < length); c++)
            {
                toMark.Add(word.Start + c);
            }

            remaining = remaining[length..];
        }

        if (remaining.Length > 0)
        {
            return false;
        }

        toMark.ForEach(index => marked[index] = true);
        return true;
    }

    // One wrong, missing or extra key: compare the pattern with the word's prefixes one key shorter, as long, one longer.
    private static void MarkNearPrefix(KeyedWord word, string pattern, bool[] marked)
    {
        for (var length = pattern.Length - 1; length <= pattern.Length + 1; length++)
        {
            if (length <= word.Keys.Length && EditDistance.AtMostOne(word.Keys.AsSpan(0, length), pattern))
            {
                for (var c = 0; c < word.KeyEnds.Count && (c == 0 || word.KeyEnds[c - 1] < length); c++)
                {
                    marked[word.Start + c] = true;
                }

                return;
            }
        }
    }

    private static void MarkInitials(string text, IReadOnlyList<KeyedWord> words, int first, string pattern, bool[] marked)
    {
        var syllables = new List<int>();
        for (var w = first; w < words.Count && syllables.Count < pattern.Length; w++)
        {
            for (var c = 0; c < words[w].Text.Length && syllables.Count < pattern.Length; c++)
            {
                if (HangulKeystrokes.IsSyllable(text[words[w].Start + c]))
                {
                    syllables.Add(words[w].Start + c);
                }
            }
        }

        if (syllables.Count == pattern.Length
            && syllables.Select(index => KeyForm.Compact(HangulKeystrokes.InitialOf(text[index]).ToString())).SequenceEqual(pattern.Select(k => k.ToString())))
        {
            syllables.ForEach(index => marked[index] = true);
        }
    }

    private static string Render(string text, bool[] marked)
    {
        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (marked[i] && (i == 0 || !marked[i - 1]))
            {
                builder.Append("<em>");
            }

            builder.Append(WebUtility.HtmlEncode(text[i].ToString()));
            if (marked[i] && (i == text.Length - 1 || !marked[i + 1]))
            {
                builder.Append("</em>");
            }
        }

        return builder.ToString();
    }
}
