using IceCheckout.Search.Korean;
using IceCheckout.Search.Model;

namespace IceCheckout.Search.Matching;

/// <summary>The key forms of a product, field by field, that both engines index (see <see cref="IndexFields"/>).</summary>
public sealed record ProductKeys(
    IReadOnlyList<string> NameWords,
    IReadOnlyList<string> NameCompact,
    IReadOnlyList<string> NameInner,
    IReadOnlyList<string> NameInitials,
    IReadOnlyList<string> TagWords)
{
    public static ProductKeys Of(ProductDocument product, SearchAliases aliases)
    {
        var names = $"{product.NameKo} {product.NameEn}";
        var nameWords = KeyForm.Words(names).Select(word => word.Keys).Distinct().ToList();
        var compact = new[] { KeyForm.Compact(product.NameKo), KeyForm.Compact(product.NameEn) }.Where(k => k.Length > 0).Distinct().ToList();

        var syllables = KeyForm.Normalize(product.NameKo).Where(HangulKeystrokes.IsSyllable).ToList();
        var inner = Enumerable.Range(1, Math.Max(0, syllables.Count - 1))
            .Select(start => KeyForm.Compact(new string([.. syllables.Skip(start)])))
            .ToList();

        var initialsPerWord = KeyForm.InitialsOf(product.NameKo);
        var initials = initialsPerWord.Append(string.Concat(initialsPerWord)).Where(k => k.Length > 0).Distinct().ToList();

        var tagTexts = new List<string> { product.Brand, product.Category.Replace('-', ' '), product.Sku };
        tagTexts.AddRange(aliases.For(product.Brand));
        tagTexts.AddRange(aliases.For(product.Category));
        tagTexts.AddRange(KeyForm.Normalize(names).Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(aliases.For));
        var tags = tagTexts.SelectMany(KeyForm.Words).Select(word => word.Keys)
            .Concat(tagTexts.Select(KeyForm.Compact))
            .Where(k => k.Length > 0).Distinct().ToList();

        return new ProductKeys(nameWords, compact, inner, initials, tags);
    }

    /// <summary>The values of each field, for the engines to write.</summary>
    public IEnumerable<(string Field, IReadOnlyList<string> Values)> Fields()
    {
        yield return (IndexFields.NameWords, NameWords);
        yield return (IndexFields.NameWordsEdge, NameWords);
        yield return (IndexFields.NameCompact, NameCompact);
        yield return (IndexFields.NameCompactEdge, NameCompact);
        yield return (IndexFields.NameInnerEdge, NameInner);
        yield return (IndexFields.NameInitialsEdge, NameInitials);
        yield return (IndexFields.TagWords, TagWords);
        yield return (IndexFields.TagWordsEdge, TagWords);
    }
}
