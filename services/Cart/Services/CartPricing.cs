using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Cart.Infrastructure.Redis;
using IceCheckout.Cart.Model;

namespace IceCheckout.Cart.Services;

/// <summary>Shows a cart with Catalog's current prices and, when one is linked, how far its checklist is ticked off.</summary>
public sealed class CartPricing(CatalogClient catalog, ChecklistStore checklists, CartStore carts)
{
    public const string Currency = "KRW";

    public async Task<CartResponse> PriceAsync(CartState cart, CancellationToken cancellationToken)
    {
        var products = await LoadAsync(cart.Lines.Select(l => l.ProductId), cancellationToken);
        var lines = new List<CartLineResponse>();
        foreach (var line in cart.Lines)
        {
            // A product deleted from the catalogue since it was added can no longer be sold: it is not shown or charged.
            if (products.GetValueOrDefault(line.ProductId) is { } product)
            {
                lines.Add(new CartLineResponse(product.Id, product.Sku, product.DetectionLabel, product.NameKo, product.NameEn, product.ImageUrl,
                    product.Price, line.Quantity, product.Price * line.Quantity, line.Source, line.NeedsCheck));
            }
        }

        return new CartResponse(
            cart.Id,
            lines,
            lines.Sum(l => l.LineTotal),
            Currency,
            await ChecklistProgressAsync(cart, cancellationToken),
            cart.Corrections,
            cart.OrderId,
            cart.Closed,
            cart.UpdatedAt,
            cart.UpdatedAt + carts.Lifetime);
    }

    private async Task<ChecklistProgress?> ChecklistProgressAsync(CartState cart, CancellationToken cancellationToken)
    {
        if (cart.ChecklistCode is null || await checklists.GetAsync(cart.ChecklistCode) is not { } checklist)
        {
            return null;
        }

        var products = await LoadAsync(checklist.Items.Select(i => i.ProductId), cancellationToken);
        var items = checklist.Items.Select(item =>
        {
            var inCart = cart.Lines.Where(l => l.ProductId == item.ProductId).Sum(l => l.Quantity);
            var status = inCart >= item.Quantity
                ? "scanned"
                : products.GetValueOrDefault(item.ProductId) is { IsActive: true, Stock: > 0 } ? "missing" : "outOfStock";
            return new ChecklistProgressItem(item.ProductId, item.Quantity, inCart, status);
        }).ToList();
        return new ChecklistProgress(checklist.Code, items);
    }

    private async Task<Dictionary<int, CatalogProduct>> LoadAsync(IEnumerable<int> productIds, CancellationToken cancellationToken)
    {
        var ids = productIds.Distinct().ToArray();
        var products = await Task.WhenAll(ids.Select(id => catalog.GetProductAsync(id, cancellationToken)));
        return products.OfType<CatalogProduct>().ToDictionary(p => p.Id);
    }
}
