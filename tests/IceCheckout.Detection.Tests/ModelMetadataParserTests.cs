using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection.Tests;

public class ModelMetadataParserTests
{
    [Fact]
    public void Reads_the_python_dict_literal_ultralytics_writes()
    {
        var names = ModelMetadataParser.ParseNames("{0: 'melona', 1: 'melona_strawberry', 2: \"jaws'bar\", 3: '빵또아'}");

        Assert.Equal(["melona", "melona_strawberry", "jaws'bar", "빵또아"], names);
    }

    [Fact]
    public void Orders_names_by_index_and_reads_escapes()
    {
        var names = ModelMetadataParser.ParseNames(@"{1: 'b\'s', 0: 'a\\z', 2: '\uBE75'}");

        Assert.Equal(["a\\z", "b's", "빵"], names);
    }

    [Theory]
    [InlineData("['cone', 'bar']")]
    [InlineData("{\"0\": \"cone\", \"1\": \"bar\"}")]
    [InlineData("  {0:'cone',1:'bar',}  ")]
    public void Reads_lists_json_and_trailing_commas(string literal)
    {
        Assert.Equal(["cone", "bar"], ModelMetadataParser.ParseNames(literal));
    }

    [Theory]
    [InlineData("melona")]
    [InlineData("{0: 'a', 2: 'c'}")]
    [InlineData("{0: 'unterminated}")]
    [InlineData("{0: 'a'} trailing")]
    [InlineData("{zero: 'a'}")]
    public void Refuses_what_is_not_a_names_literal(string literal)
    {
        Assert.Throws<FormatException>(() => ModelMetadataParser.ParseNames(literal));
    }

    [Theory]
    [InlineData("[320, 320]", 320, 320)]
    [InlineData("[384, 640]", 384, 640)]
    [InlineData("640", 640, 640)]
    public void Reads_the_image_size_as_height_then_width(string literal, int height, int width)
    {
        Assert.Equal((height, width), ModelMetadataParser.ParseImageSize(literal));
    }
}
