extern alias DetectionService;
using IceCheckout.Cart.Services;
using DetectionOptions = DetectionService::IceCheckout.Detection.DetectionOptions;

namespace IceCheckout.Cart.Tests;

/// <summary>Cart asks about the same detections the Detection service calls unsure (the model card's measured level).</summary>
public sealed class SureScoreTests
{
    [Fact]
    public void Cart_marks_lines_below_the_sure_level_that_Detection_serves()
    {
        Assert.Equal(new DetectionOptions().SureScore, new ScanOptions().SureScore, 1e-6);
    }
}
