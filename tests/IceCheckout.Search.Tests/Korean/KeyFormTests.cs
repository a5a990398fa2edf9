using System.Text;
using IceCheckout.Search.Korean;

namespace IceCheckout.Search.Tests.Korean;

public sealed class KeyFormTests
{
    [Theory]
    [InlineData("메로나", "apfhsk")]
    [InlineData("붕어싸만코", "qnddjtkakszh")]
    [InlineData("월드콘", "dnjfemzhs")]
    [InlineData("Melona", "melona")]
    [InlineData("ㅡ디ㅐㅜㅁ", "melona")]
    [InlineData("apfhsk", "apfhsk")]
    [InlineData("APFHSK", "apfhsk")]
    [InlineData("팥빙수", "vkxqldtn")]
    public void Korean_English_and_layout_slips_share_one_key_form(string text, string keys) =>
        Assert.Equal(keys, KeyForm.Compact(text));

    [Fact]
    public void Shifted_jamo_fold_to_their_key_so_a_missed_Shift_is_no_typo() =>
        Assert.Equal(KeyForm.Compact("쌍쌍바"), KeyForm.Compact("tkdtkdqk"));

    [Fact]
    public void Spacing_variants_have_one_compact_form() =>
        Assert.Equal(KeyForm.Compact("붕어싸만코"), KeyForm.Compact("붕어 싸만코"));

    [Fact]
    public void Words_keep_where_each_character_s_keys_end()
    {
        var words = KeyForm.Words("메로나 딸기");

        Assert.Equal(["apfhsk", "ekfrl"], words.Select(word => word.Keys));
        Assert.Equal([2, 4, 6], words[0].KeyEnds);
        Assert.Equal(4, words[1].Start);
    }

    [Theory]
    [InlineData("*:* OR \\ \"", new[] { "or" })]
    [InlineData("메로나\u0000\u001f딸기", new[] { "apfhsk", "ekfrl" })]
    [InlineData("~^()[]{}", new string[0])]
    public void Query_syntax_and_control_characters_are_separators(string text, string[] words) =>
        Assert.Equal(words, KeyForm.Words(text).Select(word => word.Keys));

    [Fact]
    public void NFD_input_is_read_as_the_syllables_it_spells() =>
        Assert.Equal("apfhsk", KeyForm.Compact("메로나".Normalize(NormalizationForm.FormD)));

    [Theory]
    [InlineData("붕어싸만코", new[] { "qdtaz" })]
    [InlineData("메로나 딸기", new[] { "afs", "er" })]
    [InlineData("Melona", new string[0])]
    public void Initials_are_the_keys_of_each_Korean_word_s_initial_consonants(string text, string[] initials) =>
        Assert.Equal(initials, KeyForm.InitialsOf(text));

    [Theory]
    [InlineData("ㅁㄹㄴ", true)]
    [InlineData("ㅂㅇ ㅆㅁㅋ", true)]
    [InlineData("ㅡ디", false)]
    [InlineData("메로나", false)]
    [InlineData("afs", false)]
    [InlineData("  ", false)]
    public void An_initials_query_is_bare_consonants_only(string text, bool initials) =>
        Assert.Equal(initials, KeyForm.IsInitialsOnly(text));
}
