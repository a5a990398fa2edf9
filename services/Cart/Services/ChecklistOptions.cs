namespace IceCheckout.Cart.Services;

public sealed class ChecklistOptions
{
    public const string SectionName = "Cart:Checklists";

    /// <summary>A checklist is kept this long after its last change.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(30);

    public int MaxItems { get; set; } = 50;
}
