namespace IceCheckout.Search.Korean;

/// <summary>
/// The standard Korean 2-set (두벌식) keyboard: which key of a QWERTY keyboard types each jamo. Shifted jamo (ㅃㅉㄸㄲㅆㅒㅖ)
/// fold to their unshifted key, since a missed Shift is the commonest slip and the names stay apart without it.
/// </summary>
public static class DubeolsikLayout
{
    private static readonly Dictionary<char, char> s_keyOfJamo = new()
    {
        ['ㅂ'] = 'q', ['ㅈ'] = 'w', ['ㄷ'] = 'e', ['ㄱ'] = 'r', ['ㅅ'] = 't', ['ㅛ'] = 'y', ['ㅕ'] = 'u', ['ㅑ'] = 'i', ['ㅐ'] = 'o', ['ㅔ'] = 'p',
        ['ㅁ'] = 'a', ['ㄴ'] = 's', ['ㅇ'] = 'd', ['ㄹ'] = 'f', ['ㅎ'] = 'g', ['ㅗ'] = 'h', ['ㅓ'] = 'j', ['ㅏ'] = 'k', ['ㅣ'] = 'l',
        ['ㅋ'] = 'z', ['ㅌ'] = 'x', ['ㅊ'] = 'c', ['ㅍ'] = 'v', ['ㅠ'] = 'b', ['ㅜ'] = 'n', ['ㅡ'] = 'm',
        ['ㅃ'] = 'q', ['ㅉ'] = 'w', ['ㄸ'] = 'e', ['ㄲ'] = 'r', ['ㅆ'] = 't', ['ㅒ'] = 'o', ['ㅖ'] = 'p',
    };

    /// <summary>The QWERTY key (lower case) that types a single jamo keystroke, or null for anything else.</summary>
    public static char? KeyOf(char jamo) => s_keyOfJamo.TryGetValue(jamo, out var key) ? key : null;
}
