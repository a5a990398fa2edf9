using IceCheckout.Detection.Tests.Support;

namespace IceCheckout.Detection.Tests;

public sealed class ModelCardFiguresTests : IDisposable
{
    private readonly string _card = Path.GetTempFileName();

    [Fact]
    public void Reads_figures_from_table_rows_and_thresholds_from_the_text()
    {
        File.WriteAllText(_card, """
            The figures were measured at confidence 0.4 and NMS IoU 0.6, mAP@0.5 and mAP@0.5:0.95 COCO-style.

            | figure | value |
            | --- | --- |
            | mAP@0.5:0.95 | 0.758 |
            | mAP@0.5 (48 held-out trays) | 0.946 |
            | exact trays (conf 0.5) | 0.44 |
            """);

        Assert.Equal(new ModelCardFigures(0.946, 0.44, 0.4f, 0.6f), ModelCardFigures.Read(_card));
    }

    [Fact]
    public void A_table_row_with_emphasis_wins_over_a_validation_phrase_earlier_in_the_card()
    {
        File.WriteAllText(_card, """
            The best validation score (150 validation trays: mAP@0.5 0.980, exact trays 0.727).

            | figure | value | thresholds |
            | --- | --- | --- |
            | mAP@0.5 | **0.986** | score >= 0.001 |
            | exact trays | **0.833** (40 of 48) | score >= 0.5 |
            """);

        Assert.Equal(new ModelCardFigures(0.986, 0.833, 0.5f, 0.5f), ModelCardFigures.Read(_card));
    }

    [Fact]
    public void Reads_the_cross_class_threshold_where_the_card_states_one()
    {
        File.WriteAllText(_card, """
            Measured at confidence 0.45, NMS IoU 0.5 and cross-class IoU 0.6 (the Detection service's defaults).

            | mAP@0.5 | **0.990** |
            | exact trays | **0.958** |
            """);

        Assert.Equal(new ModelCardFigures(0.990, 0.958, 0.45f, 0.5f, 0.6f), ModelCardFigures.Read(_card));
    }

    [Fact]
    public void Reads_figures_from_a_phrase()
    {
        File.WriteAllText(_card, "testset mAP@0.5 0.912, mAP@0.5:0.95 0.701, exact trays 0.375 at conf 0.5 / NMS IoU 0.5");

        Assert.Equal(new ModelCardFigures(0.912, 0.375, 0.5f, 0.5f), ModelCardFigures.Read(_card));
    }

    [Fact]
    public void A_card_without_the_figures_is_an_error()
    {
        File.WriteAllText(_card, "mAP@0.5 and exact trays are computed at confidence 0.5 and NMS IoU 0.5.");

        Assert.Throws<InvalidOperationException>(() => ModelCardFigures.Read(_card));
    }

    public void Dispose() => File.Delete(_card);
}
