using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using Lucene.Net.Util.Automaton;

namespace IceCheckout.Search.Engines.Lucene;

/// <summary>
/// The terms of a field at most one wrong, missing, extra or swapped key from a value, its first keys right: what a
/// <see cref="FuzzyQuery"/> at edit distance 1 matches. Compiling the Levenshtein automaton is most of such a query's
/// cost and FuzzyQuery compiles two per field, so a search compiles one per value (<see cref="Builder"/>) and every field
/// it looks the value up in shares it.
/// </summary>
internal sealed class NearTermQuery : MultiTermQuery
{
    private readonly NearTerm _near;

    private NearTermQuery(string field, NearTerm near)
        : base(field) => _near = near;

    protected override TermsEnum GetTermsEnum(Terms terms, AttributeSource atts) => _near.Automaton.GetTermsEnum(terms);

    public override string ToString(string field) =>
        $"{(field == Field ? "" : Field + ":")}{_near.Value}~1 (first {_near.PrefixLength} exact)";

    public override bool Equals(object? obj) => obj is NearTermQuery other && base.Equals(other) && _near == other._near;

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), _near);

    private sealed record NearTerm(string Value, int PrefixLength, CompiledAutomaton Automaton);

    /// <summary>Builds the near-term queries of one search, compiling one automaton per value and prefix length.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<(string Value, int PrefixLength), NearTerm> _compiled = [];

        public NearTermQuery For(string field, string value, int prefixLength)
        {
            if (!_compiled.TryGetValue((value, prefixLength), out var near))
            {
                var prefix = Math.Min(prefixLength, value.Length);
                var rest = new LevenshteinAutomata(value[prefix..], withTranspositions: true).ToAutomaton(1);
                var automaton = BasicOperations.Concatenate(BasicAutomata.MakeString(value[..prefix]), rest);
                near = new NearTerm(value, prefixLength, new CompiledAutomaton(automaton, finite: true, simplify: false));
                _compiled[(value, prefixLength)] = near;
            }

            return new NearTermQuery(field, near);
        }
    }
}
