using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace IceCheckout.Search.Feed;

/// <summary>The query string of <c>GET /api/search/feed</c>.</summary>
public sealed record FeedRequest
{
    public const int MaximumSize = 20;

    [Description("A checklist's code (8 characters, read case-insensitively): suggestions for what is on it.")]
    [RegularExpression("^[2-9A-HJ-NP-Za-hj-np-z]{8}$", ErrorMessage = "A checklist code is 8 characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ.")]
    public string? Checklist { get; init; }

    [Description("A cart's id: what goes well with what its last scan put on it.")]
    public Guid? Cart { get; init; }

    [Range(1, MaximumSize)]
    public int? Size { get; init; }

    public int SizeOrDefault => Size ?? 8;
}
