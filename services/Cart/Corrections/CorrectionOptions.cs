using System.ComponentModel.DataAnnotations;

namespace IceCheckout.Cart.Corrections;

/// <summary>The section <c>Cart:Corrections</c>: keeping scans the shopper corrected, with their frames, as training data.</summary>
public sealed class CorrectionOptions
{
    public const string SectionName = "Cart:Corrections";

    /// <summary>Off: no frame is kept, the staff list is empty.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The local folder of the file store, relative to the content root.</summary>
    public string Folder { get; set; } = ".data/corrections";

    /// <summary>How many days a corrected scan and its frames are kept.</summary>
    [Range(1, 3650)]
    public int RetentionDays { get; set; } = 30;

    /// <summary>How long the frames of a scan nobody corrected are kept (a cart lives 30 minutes without activity).</summary>
    public TimeSpan UncorrectedLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Pause between two sweeps of expired scans.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
