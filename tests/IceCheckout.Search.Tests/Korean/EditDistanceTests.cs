using IceCheckout.Search.Korean;

namespace IceCheckout.Search.Tests.Korean;

public sealed class EditDistanceTests
{
    [Theory]
    [InlineData("apfhsk", "apfhsk", true)]
    [InlineData("apfhsk", "apfhsl", true)]
    [InlineData("apfhsk", "apfhs", true)]
    [InlineData("apfhsk", "apfhskd", true)]
    [InlineData("apfhsk", "pfhsk", true)]
    [InlineData("apfhsk", "apfjsl", false)]
    [InlineData("apfhsk", "apf", false)]
    [InlineData("", "a", true)]
    [InlineData("ab", "ba", false)]
    public void At_most_one_wrong_missing_or_extra_key(string a, string b, bool near)
    {
        Assert.Equal(near, EditDistance.AtMostOne(a, b));
        Assert.Equal(near, EditDistance.AtMostOne(b, a));
    }
}
