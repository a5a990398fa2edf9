using System.Globalization;
using System.Text;

namespace IceCheckout.Search.Korean;

/// <summary>
/// The keys a shopper presses to type a text, in lower-case QWERTY letters and digits: Hangul through the 2-set layout
/// (메로나 → apfhsk), Latin letters as they are (Melona → melona). Korean typed on an English keyboard (apfhsk) and
/// English typed in Korean mode (ㅡ디ㅐㅜㅁ → melona) therefore have the key form of what was meant. Both engines index
/// and query this form.
/// </summary>
public static class KeyForm
{
    /// <summary>The words of a text, each as its key form, with the characters each word came from.</summary>
    public static IReadOnlyList<KeyedWord> Words(string text)
    {
        var words = new List<KeyedWord>();
        var keys = new StringBuilder();
        var ends = new List<int>();
        var start = -1;
        var normalized = Normalize(text);
        for (var i = 0; i <= normalized.Length; i++)
        {
            var charKeys = i < normalized.Length ? KeysOf(normalized[i]) : null;
            if (charKeys is null)
            {
                if (start >= 0 && keys.Length > 0)
                {
                    words.Add(new KeyedWord(start, normalized[start..i], keys.ToString(), [.. ends]));
                }

                keys.Clear();
                ends.Clear();
                start = -1;
                continue;
            }

            if (start < 0)
            {
                start = i;
            }

            keys.Append(charKeys);
            ends.Add(keys.Length);
        }

        return words;
    }

    /// <summary>The key form of the whole text without separators: 붕어 싸만코 and 붕어싸만코 are one form.</summary>
    public static string Compact(string text) => string.Concat(Words(text).Select(word => word.Keys));

    /// <summary>The key forms of the initial consonants (초성) of the Korean words of a text: 붕어싸만코 → qdtaz (ㅂㅇㅆㅁㅋ).</summary>
    public static IReadOnlyList<string> InitialsOf(string text) =>
        Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => word.Any(HangulKeystrokes.IsSyllable))
            .Select(word => string.Concat(word.Where(HangulKeystrokes.IsSyllable).Select(c => KeysOf(HangulKeystrokes.InitialOf(c)))))
            .ToList();

    /// <summary>True when every letter of a text is a bare Hangul consonant, as in an initial-consonant (초성) query: ㅁㄹㄴ.</summary>
    public static bool IsInitialsOnly(string text)
    {
        var letters = Normalize(text).Where(c => c != ' ').ToList();
        return letters.Count > 0 && letters.All(HangulKeystrokes.IsConsonant);
    }

    /// <summary>
    /// NFC (joins conjoining jamo from NFD input into syllables; NFKC would instead split compatibility jamo apart), lower
    /// case, and every control, symbol or punctuation character as a space.
    /// </summary>
    public static string Normalize(string text)
    {
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(composed.Length);
        foreach (var c in composed)
        {
            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString();
    }

    /// <summary>The keys of one normalized character, or null for a separator. Letters with no key of ours keep their own.</summary>
    private static string? KeysOf(char c)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            return c.ToString();
        }

        if (!char.IsLetterOrDigit(c))
        {
            return null;
        }

        var jamo = HangulKeystrokes.Of(c);
        var keys = new StringBuilder(jamo.Length);
        foreach (var keystroke in jamo)
        {
            keys.Append(DubeolsikLayout.KeyOf(keystroke) ?? RemoveDiacritics(keystroke));
        }

        return keys.ToString();
    }

    private static char RemoveDiacritics(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed.FirstOrDefault(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark, c);
    }
}

/// <summary>
/// A word of a text from character <see cref="Start"/> of its normalized form, and its key form; <see cref="KeyEnds"/>[i] is
/// where the keys of the word's i-th character end.
/// </summary>
public sealed record KeyedWord(int Start, string Text, string Keys, IReadOnlyList<int> KeyEnds);
