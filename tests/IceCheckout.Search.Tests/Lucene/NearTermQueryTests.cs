using IceCheckout.Search.Engines.Lucene;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace IceCheckout.Search.Tests.Lucene;

public sealed class NearTermQueryTests : IDisposable
{
    private const string KeysField = "keys";
    private readonly RAMDirectory _directory = new();
    private readonly DirectoryReader _reader;

    public NearTermQueryTests()
    {
        using (var writer = new IndexWriter(_directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new KeywordAnalyzer())))
        {
            foreach (var term in new[] { "melona", "melon", "mellona", "melnoa", "kelona", "lemona", "melonaaa", "apfhsk" })
            {
                writer.AddDocument([new StringField(KeysField, term, Field.Store.YES)]);
            }
        }

        _reader = DirectoryReader.Open(_directory);
    }

    // melon: a key missing; mellona: one extra; melnoa: two swapped; kelona: the first key wrong. lemona (two apart) and
    // melonaaa (two extra) are too far.
    [Theory]
    [InlineData(0, "kelona mellona melnoa melon melona")]
    [InlineData(1, "mellona melnoa melon melona")]
    public void Finds_the_terms_one_key_away_with_the_first_keys_right(int prefixLength, string expected)
    {
        var query = new NearTermQuery.Builder().For(KeysField, "melona", prefixLength);

        var found = new IndexSearcher(_reader).Search(query, 100).ScoreDocs.Select(hit => _reader.Document(hit.Doc).Get(KeysField, System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal);

        Assert.Equal(expected, string.Join(' ', found));
    }

    [Fact]
    public void Queries_are_equal_only_for_the_same_field_value_and_prefix()
    {
        var builder = new NearTermQuery.Builder();

        Assert.Equal(builder.For(KeysField, "melona", 1), builder.For(KeysField, "melona", 1));
        Assert.NotEqual(builder.For(KeysField, "melona", 1), builder.For("other", "melona", 1));
        Assert.NotEqual(builder.For(KeysField, "melona", 1), builder.For(KeysField, "melona", 0));
    }

    public void Dispose()
    {
        _reader.Dispose();
        _directory.Dispose();
    }
}
