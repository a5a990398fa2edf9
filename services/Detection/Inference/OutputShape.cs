namespace IceCheckout.Detection.Inference;

/// <summary>The per-image output of a detector, <c>[Rows, Columns]</c>, and how to read it.</summary>
public sealed record OutputShape(OutputLayout Layout, int Rows, int Columns, int ClassCount)
{
    public int AnchorCount => Layout == OutputLayout.YoloV8 ? Columns : Rows;

    /// <summary>
    /// Tells the layouts apart from the output's shape: with known class names the channel count decides
    /// (4 + classes rows for v8, 5 + classes columns for v5); without them, YOLO heads have far more anchors than channels.
    /// </summary>
    public static OutputShape Resolve(int rows, int columns, int? knownClassCount)
    {
        if (rows <= 0 || columns <= 0)
        {
            throw new InvalidOperationException($"The model output [{rows}, {columns}] per image is not a detection output.");
        }

        if (knownClassCount is { } classes)
        {
            var isV8 = rows == 4 + classes;
            var isV5 = columns == 5 + classes;
            if (isV8 && (!isV5 || rows <= columns))
            {
                return new OutputShape(OutputLayout.YoloV8, rows, columns, classes);
            }

            if (isV5)
            {
                return new OutputShape(OutputLayout.YoloV5, rows, columns, classes);
            }

            throw new InvalidOperationException(
                $"The model output [{rows}, {columns}] per image fits neither [4 + {classes}, N] nor [N, 5 + {classes}] for its {classes} class names.");
        }

        var shape = rows < columns
            ? new OutputShape(OutputLayout.YoloV8, rows, columns, rows - 4)
            : new OutputShape(OutputLayout.YoloV5, rows, columns, columns - 5);
        return shape.ClassCount > 0
            ? shape
            : throw new InvalidOperationException($"The model output [{rows}, {columns}] per image has no room for class scores.");
    }
}
