namespace IceCheckout.Search.Feed;

/// <param name="Cards">product cards written from Catalog's list (newer than the ones held)</param>
/// <param name="Orders">paid orders read from Cart</param>
/// <param name="PairedProducts">products with at least one bought-together partner</param>
/// <param name="Repaired">products whose bought-together counts differed from the nearline ones and were replaced</param>
public sealed record FeedRebuildOutcome(int Cards, int Orders, int PairedProducts, int Repaired);
