namespace IceCheckout.Detection.Inference;

public enum OutputLayout
{
    /// <summary><c>[batch, N, 5 + classes]</c>: cx, cy, w, h, objectness, class scores per row.</summary>
    YoloV5,

    /// <summary><c>[batch, 4 + classes, N]</c>: cx, cy, w, h, class scores per column (YOLOv8 and YOLO11).</summary>
    YoloV8,
}
