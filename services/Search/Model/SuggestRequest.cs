using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IceCheckout.Search.Model;

/// <summary>The query string of <c>GET /api/search/suggest</c>.</summary>
public sealed record SuggestRequest
{
    public const int MaximumSize = 20;

    [Description("What the shopper has typed so far, one keystroke at a time: 멜, ㅂㅇ, apf, mel.")]
    [MaxLength(ProductSearchRequest.MaximumQueryLength)]
    public string? Q { get; init; }

    [Range(1, MaximumSize)]
    public int? Size { get; init; }

    public int SizeOrDefault => Size ?? 8;
}
