using IceCheckout.Search.Korean;

namespace IceCheckout.Search.Tests.Korean;

public sealed class KeystrokeHighlighterTests
{
    [Theory]
    [InlineData("메로나", "메로", "<em>메로</em>나")]
    [InlineData("메로나", "멜", "<em>메로</em>나")]
    [InlineData("메로나", "apfhsk", "<em>메로나</em>")]
    [InlineData("메로나", "ㅁㄹ", "<em>메로</em>나")]
    [InlineData("붕어싸만코", "ㅂㅇㅆㅁㅋ", "<em>붕어싸만코</em>")]
    [InlineData("메로나 딸기", "딸기", "메로나 <em>딸기</em>")]
    [InlineData("메로나 딸기", "메로나딸기", "<em>메로나</em> <em>딸기</em>")]
    [InlineData("Melona Strawberry", "mel", "<em>Mel</em>ona Strawberry")]
    [InlineData("Melona", "ㅡ디ㅐㅜㅁ", "<em>Melona</em>")]
    [InlineData("메로나", "메로니", "<em>메로나</em>")]
    [InlineData("A<b>", "a", "<em>A</em>&lt;b&gt;")]
    public void The_characters_the_keys_reached_are_marked(string name, string query, string highlighted) =>
        Assert.Equal(highlighted, KeystrokeHighlighter.Highlight(name, QueryKeys.Parse(query)));

    [Theory]
    [InlineData("메로나", "월드콘")]
    [InlineData("메로나", "")]
    [InlineData("Melona", "ㅁㄹㄴ")]
    public void A_name_the_query_did_not_touch_has_no_highlight(string name, string query) =>
        Assert.Null(KeystrokeHighlighter.Highlight(name, QueryKeys.Parse(query)));
}
