namespace IceCheckout.Search.Korean;

/// <summary>
/// Breaks Hangul into the 2-set (두벌식) keystrokes that type it, as compatibility jamo: a syllable is split arithmetically
/// (U+AC00 + (initial × 21 + medial) × 28 + final) and compound vowels and finals into their keys (ㅘ → ㅗㅏ, ㄺ → ㄹㄱ).
/// A half-typed syllable is then a plain prefix of the whole word: 멜 (ㅁㅔㄹ) of 메로나 (ㅁㅔㄹㅗㄴㅏ).
/// </summary>
public static class HangulKeystrokes
{
    private const char FirstSyllable = '\uAC00';
    private const char LastSyllable = '\uD7A3';
    private const int MedialCount = 21;
    private const int FinalCount = 28;

    private const string Initials = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    private const string Medials = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    private const string Finals = "\0ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    private static readonly Dictionary<char, string> s_compounds = new()
    {
        ['ㄳ'] = "ㄱㅅ", ['ㄵ'] = "ㄴㅈ", ['ㄶ'] = "ㄴㅎ", ['ㄺ'] = "ㄹㄱ", ['ㄻ'] = "ㄹㅁ", ['ㄼ'] = "ㄹㅂ",
        ['ㄽ'] = "ㄹㅅ", ['ㄾ'] = "ㄹㅌ", ['ㄿ'] = "ㄹㅍ", ['ㅀ'] = "ㄹㅎ", ['ㅄ'] = "ㅂㅅ",
        ['ㅘ'] = "ㅗㅏ", ['ㅙ'] = "ㅗㅐ", ['ㅚ'] = "ㅗㅣ", ['ㅝ'] = "ㅜㅓ", ['ㅞ'] = "ㅜㅔ", ['ㅟ'] = "ㅜㅣ", ['ㅢ'] = "ㅡㅣ",
    };

    public static bool IsSyllable(char c) => c is >= FirstSyllable and <= LastSyllable;

    /// <summary>A compatibility consonant (ㄱ to ㅎ), as a shopper types an initial-consonant (초성) query.</summary>
    public static bool IsConsonant(char c) => c is >= 'ㄱ' and <= 'ㅎ';

    /// <summary>The keystrokes of one character; a character that is not Hangul is returned as it is.</summary>
    public static string Of(char c)
    {
        if (IsSyllable(c))
        {
            var index = c - FirstSyllable;
            var initial = Initials[index / (MedialCount * FinalCount)];
            var medial = Medials[index % (MedialCount * FinalCount) / FinalCount];
            var final = Finals[index % FinalCount];
            return string.Concat(Split(initial), Split(medial), final == '\0' ? "" : Split(final));
        }

        return Split(ToCompatibilityJamo(c));
    }

    /// <summary>The keystrokes of a whole text, character by character.</summary>
    public static string Of(string text) => string.Concat(text.Select(Of));

    /// <summary>The initial consonant (초성) of a syllable; any other character as it is.</summary>
    public static char InitialOf(char c) =>
        IsSyllable(c) ? Initials[(c - FirstSyllable) / (MedialCount * FinalCount)] : c;

    private static string Split(char jamo) => s_compounds.TryGetValue(jamo, out var keys) ? keys : jamo.ToString();

    // Conjoining jamo (U+1100 block) arrive from input methods and from NFD text; they type like their compatibility forms.
    private static char ToCompatibilityJamo(char c) => c switch
    {
        >= '\u1100' and <= '\u1112' => Initials[c - '\u1100'],
        >= '\u1161' and <= '\u1175' => Medials[c - '\u1161'],
        >= '\u11A8' and <= '\u11C2' => Finals[c - '\u11A8' + 1],
        _ => c,
    };
}
