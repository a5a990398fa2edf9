using System.Text;
using IceCheckout.Search.Korean;

namespace IceCheckout.Search.Tests.Korean;

public sealed class HangulKeystrokesTests
{
    [Theory]
    [InlineData("메로나", "ㅁㅔㄹㅗㄴㅏ")]
    [InlineData("붕어싸만코", "ㅂㅜㅇㅇㅓㅆㅏㅁㅏㄴㅋㅗ")]
    [InlineData("과", "ㄱㅗㅏ")]
    [InlineData("돼지", "ㄷㅗㅐㅈㅣ")]
    [InlineData("위", "ㅇㅜㅣ")]
    [InlineData("의", "ㅇㅡㅣ")]
    [InlineData("닭", "ㄷㅏㄹㄱ")]
    [InlineData("값", "ㄱㅏㅂㅅ")]
    [InlineData("않", "ㅇㅏㄴㅎ")]
    [InlineData("가", "ㄱㅏ")]
    [InlineData("힣", "ㅎㅣㅎ")]
    [InlineData("Melona 2", "Melona 2")]
    public void A_syllable_becomes_its_2_set_keystrokes_with_compound_vowels_and_finals_split(string text, string keystrokes) =>
        Assert.Equal(keystrokes, HangulKeystrokes.Of(text));

    [Theory]
    [InlineData("ㅘ", "ㅗㅏ")]
    [InlineData("ㄺ", "ㄹㄱ")]
    [InlineData("ㅁ", "ㅁ")]
    public void A_compound_compatibility_jamo_is_split_into_its_keys(string jamo, string keystrokes) =>
        Assert.Equal(keystrokes, HangulKeystrokes.Of(jamo));

    [Fact]
    public void The_half_typed_syllable_is_a_keystroke_prefix_of_the_word_where_NFD_is_not()
    {
        Assert.StartsWith(HangulKeystrokes.Of("멜"), HangulKeystrokes.Of("메로나"), StringComparison.Ordinal);
        Assert.False("메로나".Normalize(NormalizationForm.FormD).StartsWith("멜".Normalize(NormalizationForm.FormD), StringComparison.Ordinal));
    }

    [Fact]
    public void Conjoining_jamo_type_like_their_compatibility_forms() =>
        Assert.Equal(HangulKeystrokes.Of("닭"), HangulKeystrokes.Of("닭".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData('메', 'ㅁ')]
    [InlineData('싸', 'ㅆ')]
    [InlineData('콘', 'ㅋ')]
    [InlineData('a', 'a')]
    public void The_initial_consonant_of_a_syllable(char syllable, char initial) =>
        Assert.Equal(initial, HangulKeystrokes.InitialOf(syllable));
}
