using IceCheckout.Search.Korean;

namespace IceCheckout.Search.Matching;

/// <summary>
/// Other words for a brand, a category or a name word, from <c>Search:Aliases</c> (빙그레 → binggrae, bar → 바): no
/// arithmetic turns 빙그레 into the brand's own spelling, nor a category slug into its Korean word.
/// </summary>
public sealed class SearchAliases(IReadOnlyDictionary<string, string[]> aliases)
{
    private readonly Dictionary<string, string[]> _aliases = aliases
        .GroupBy(pair => KeyForm.Normalize(pair.Key).Trim())
        .ToDictionary(group => group.Key, group => group.SelectMany(pair => pair.Value).ToArray());

    public IEnumerable<string> For(string word) =>
        _aliases.TryGetValue(KeyForm.Normalize(word).Trim(), out var others) ? others : [];
}
