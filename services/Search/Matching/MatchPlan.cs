using IceCheckout.Search.Korean;

namespace IceCheckout.Search.Matching;

/// <summary>
/// How a query matches, engine-neutral: every word must match one of its clauses (the best counts), or the whole query
/// without spaces must match one of the compact clauses. A clause scores its boost, nothing else, so both engines rank
/// alike and the ranking can be read off this file. Ties go to the Korean name in order.
/// </summary>
public sealed record MatchPlan(IReadOnlyList<IReadOnlyList<MatchClause>> Words, IReadOnlyList<MatchClause> Compact)
{
    private const int FuzzyEdgeMinimumLength = 4;

    public static MatchPlan For(QueryKeys keys) => new(
        [.. keys.Words.Select(word => WordClauses(word, keys.IsInitials))],
        CompactClauses(keys.Compact, keys.IsInitials));

    private static List<MatchClause> WordClauses(string word, bool initials)
    {
        List<MatchClause> clauses =
        [
            new(IndexFields.NameWords, word, 10),
            new(IndexFields.NameWordsEdge, word, 6),
            new(IndexFields.TagWords, word, 5),
            new(IndexFields.NameInnerEdge, word, 4),
            new(IndexFields.TagWordsEdge, word, 3),
        ];
        if (initials)
        {
            clauses.Add(new(IndexFields.NameInitialsEdge, word, 8));
        }
        else if (word.Length >= QueryKeys.FuzzyMinimumLength)
        {
            clauses.Add(new(IndexFields.NameWords, word, 4, Fuzzy: true));
            clauses.Add(new(IndexFields.TagWords, word, 2.5, Fuzzy: true));
            if (word.Length >= FuzzyEdgeMinimumLength)
            {
                clauses.Add(new(IndexFields.NameWordsEdge, word, 2, Fuzzy: true, PrefixLength: 1));
            }
        }

        return clauses;
    }

    private static List<MatchClause> CompactClauses(string compact, bool initials)
    {
        List<MatchClause> clauses =
        [
            new(IndexFields.NameCompact, compact, 12),
            new(IndexFields.NameCompactEdge, compact, 8),
        ];
        if (initials)
        {
            clauses.Add(new(IndexFields.NameInitialsEdge, compact, 8));
        }
        else if (compact.Length >= QueryKeys.FuzzyMinimumLength)
        {
            clauses.Add(new(IndexFields.NameCompact, compact, 5, Fuzzy: true));
            if (compact.Length >= FuzzyEdgeMinimumLength)
            {
                clauses.Add(new(IndexFields.NameCompactEdge, compact, 3, Fuzzy: true, PrefixLength: 1));
            }
        }

        return clauses;
    }
}

/// <summary>
/// The field holds the value exactly (an <c>_edge</c> field: the value is a prefix of one of its words), or, when fuzzy,
/// one wrong, missing or extra key away (the first <paramref name="PrefixLength"/> keys right).
/// </summary>
public sealed record MatchClause(string Field, string Value, double Boost, bool Fuzzy = false, int PrefixLength = 0);
