namespace IceCheckout.Search.Feed;

/// <summary>Everything a page needs to draw the feed: complete product cards, in stock, each with why it is shown.</summary>
public sealed record FeedResponse(IReadOnlyList<FeedItem> PopularNow, IReadOnlyList<FeedItem> GoesWellWith, IReadOnlyList<FeedItem> ForYourList);

public sealed record FeedItem(int ProductId, string Sku, string NameKo, string NameEn, string? ImageUrl, int Price, int Stock, string Reason)
{
    public static FeedItem Of(ProductCard card, string reason) =>
        new(card.ProductId, card.Sku, card.NameKo, card.NameEn, card.ImageUrl, card.Price, card.Stock, reason);
}
