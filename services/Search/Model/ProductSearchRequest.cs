using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IceCheckout.Search.Model;

/// <summary>The query string of <c>GET /api/search/products</c>.</summary>
public sealed record ProductSearchRequest : IValidatableObject
{
    public const int MaximumQueryLength = 200;
    public const int MaximumPageSize = 100;
    public const int MaximumResultWindow = 10_000;

    [Description("What the shopper typed: Korean, English, initial consonants (ㅁㄹㄴ), Korean typed on an English keyboard (apfhsk). Empty lists by the filters.")]
    [MaxLength(MaximumQueryLength)]
    public string? Q { get; init; }

    [Description("A category slug (bar, cone, cup, sandwich, tube, family-pack).")]
    [MaxLength(64)]
    public string? Category { get; init; }

    [Range(0, int.MaxValue)]
    public int? MinPrice { get; init; }

    [Range(0, int.MaxValue)]
    public int? MaxPrice { get; init; }

    [Description("true: only products in stock.")]
    public bool? InStock { get; init; }

    [Description("1-based page number.")]
    [Range(1, MaximumResultWindow)]
    public int? Page { get; init; }

    [Range(1, MaximumPageSize)]
    public int? PageSize { get; init; }

    public int PageOrDefault => Page ?? 1;

    public int PageSizeOrDefault => PageSize ?? 20;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinPrice > MaxPrice)
        {
            yield return new ValidationResult($"minPrice ({MinPrice}) is above maxPrice ({MaxPrice}).", [nameof(MinPrice)]);
        }

        if ((long)PageOrDefault * PageSizeOrDefault > MaximumResultWindow)
        {
            yield return new ValidationResult($"page × pageSize may reach at most the {MaximumResultWindow}th result.", [nameof(Page)]);
        }
    }
}
