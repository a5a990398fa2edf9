using System.Text.Json;
using IceCheckout.Detection.Tests.Support;
using IceCheckout.Testing;

namespace IceCheckout.Detection.Tests;

/// <summary>The service serves at the thresholds the model card's figures were measured at, by default and in its appsettings.json.</summary>
public sealed class ServedThresholdsTests
{
    [Fact]
    public void The_service_defaults_are_the_thresholds_of_the_model_card()
    {
        var card = ModelCardFigures.Read(Path.Combine(RepositoryRoot.Path, "models", "MODEL_CARD.md"));
        var defaults = new DetectionOptions();
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "services", "Detection", "appsettings.json")));
        var section = settings.RootElement.GetProperty(DetectionOptions.SectionName);

        var measured = (card.CountThreshold, card.IouThreshold, card.CrossClassIouThreshold);
        Assert.Equal(measured, (defaults.ConfidenceThreshold, defaults.IouThreshold, defaults.CrossClassIouThreshold));
        Assert.Equal(measured, (
            section.GetProperty(nameof(DetectionOptions.ConfidenceThreshold)).GetSingle(),
            section.GetProperty(nameof(DetectionOptions.IouThreshold)).GetSingle(),
            section.GetProperty(nameof(DetectionOptions.CrossClassIouThreshold)).GetSingle()));
    }

    [Fact]
    public void The_sure_score_is_the_level_the_model_card_chose()
    {
        var level = ModelCardSets.SureLevel(Path.Combine(RepositoryRoot.Path, "models", "MODEL_CARD.md"));
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "services", "Detection", "appsettings.json")));
        var section = settings.RootElement.GetProperty(DetectionOptions.SectionName);

        Assert.Equal(level, new DetectionOptions().SureScore);
        Assert.Equal(level, section.GetProperty(nameof(DetectionOptions.SureScore)).GetSingle());
    }
}
