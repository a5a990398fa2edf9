using IceCheckout.Search.Model;

namespace IceCheckout.Search.Tests.Relevance;

/// <summary>One row of <c>relevance-cases.tsv</c>: what a shopper types and what the top result must be.</summary>
public sealed record RelevanceCase(string Kind, string Query, string Expected)
{
    public static TheoryData<string, string, string> All()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Relevance", "relevance-cases.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], columns[2]);
        }

        return data;
    }

    /// <summary>Why the top product does not meet an expectation, or null when it does.</summary>
    public static string? Mismatch(string expected, ProductDocument? top)
    {
        if (top is null)
        {
            return "nothing was found";
        }

        foreach (var condition in expected.Split(';'))
        {
            var holds = condition.Split('=', 2) switch
            {
                ["category", var category] => top.Category == category,
                ["brand", var brand] => top.Brand == brand,
                [var sku] => top.Sku == sku,
                _ => false,
            };
            if (!holds)
            {
                return $"the top result is {top.Sku} {top.NameKo} ({top.Category}, {top.Brand}), not {condition}";
            }
        }

        return null;
    }
}
