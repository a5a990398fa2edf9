using IceCheckout.Detection.Inference;

namespace IceCheckout.Detection.Tests;

public class OutputShapeTests
{
    [Fact]
    public void A_yolov8_export_has_four_plus_classes_rows()
    {
        var shape = OutputShape.Resolve(84, 8400, knownClassCount: 80);

        Assert.Equal(new OutputShape(OutputLayout.YoloV8, 84, 8400, 80), shape);
        Assert.Equal(8400, shape.AnchorCount);
    }

    [Fact]
    public void A_yolov5_export_has_five_plus_classes_columns()
    {
        var shape = OutputShape.Resolve(25200, 85, knownClassCount: 80);

        Assert.Equal(new OutputShape(OutputLayout.YoloV5, 25200, 85, 80), shape);
        Assert.Equal(25200, shape.AnchorCount);
    }

    [Theory]
    [InlineData(20, 2100, OutputLayout.YoloV8, 16)]
    [InlineData(6300, 21, OutputLayout.YoloV5, 16)]
    public void Without_names_the_long_axis_is_the_anchors(int rows, int columns, OutputLayout layout, int classes)
    {
        var shape = OutputShape.Resolve(rows, columns, knownClassCount: null);

        Assert.Equal(layout, shape.Layout);
        Assert.Equal(classes, shape.ClassCount);
    }

    [Fact]
    public void An_output_that_fits_neither_layout_for_the_names_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => OutputShape.Resolve(300, 6, knownClassCount: 16));

        Assert.Contains("16 class names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_names_an_output_with_no_room_for_classes_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => OutputShape.Resolve(7, 4, knownClassCount: null));
    }
}
