using IceCheckout.Cart.Corrections;
using IceCheckout.Cart.Infrastructure.Catalog;
using IceCheckout.Cart.Infrastructure.Redis;
using IceCheckout.Cart.Model;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Services;

/// <summary>The shopper's own changes to a cart: manual lines, quantities, settling doubtful scan lines, linking a checklist.</summary>
public sealed class CartService(
    CartStore carts,
    ChecklistStore checklists,
    CatalogClient catalog,
    CartPricing pricing,
    CorrectionRecorder recorder,
    IOptions<CartOptions> options,
    TimeProvider time)
{
    public const int MaxSkuLength = 32;

    private readonly CartOptions _options = options.Value;

    public async Task<CartOutcome<CartResponse>> GetAsync(Guid cartId, CancellationToken cancellationToken) =>
        await carts.GetAsync(cartId) is { } cart
            ? await PriceAsync(cart, cancellationToken)
            : CartOutcome.NotFound<CartResponse>(NoCart(cartId));

    public async Task<CartOutcome<CartResponse>> AddLineAsync(Guid cartId, AddLineRequest request, CancellationToken cancellationToken)
    {
        if (InvalidQuantity(request.Quantity, allowZero: false) is { } invalid)
        {
            return invalid;
        }

        if ((request.Sku is null) == (request.ProductId is null))
        {
            return CartOutcome.Invalid<CartResponse>("sku", "Give either sku or productId.");
        }

        if (request.Sku is { } sku && (sku.Length > MaxSkuLength || sku.Any(char.IsControl)))
        {
            // Catalog's SKUs are at most 32 plain characters; another is never asked for (nor echoed back).
            return CartOutcome.Invalid<CartResponse>("sku", $"A SKU has at most {MaxSkuLength} characters and no control characters.");
        }

        if (await carts.GetAsync(cartId) is null)
        {
            return CartOutcome.NotFound<CartResponse>(NoCart(cartId));
        }

        var product = await FindProductAsync(request, cancellationToken);
        if (product is not { IsActive: true })
        {
            return request.Sku is not null
                ? CartOutcome.Invalid<CartResponse>("sku", $"No product on sale has SKU '{request.Sku}'.")
                : CartOutcome.Invalid<CartResponse>("productId", $"No product on sale has id {request.ProductId}.");
        }

        var quantity = request.Quantity!.Value;
        return await ChangeAsync(cartId, cart =>
        {
            var existing = cart.LineOf(product.Id);
            var total = (existing?.Quantity ?? 0) + quantity;
            if (total > _options.MaxQuantity)
            {
                return Refuse(CartOutcome.Invalid<CartResponse>("quantity", $"At most {_options.MaxQuantity} of one product."));
            }

            if (existing is null && cart.Lines.Count >= _options.MaxLines)
            {
                return Refuse(CartOutcome.Invalid<CartResponse>("productId", $"A cart holds at most {_options.MaxLines} products."));
            }

            var line = new CartLineState(product.Id, total, LineSources.Manual, NeedsCheck: false);
            var corrections = existing is { Source: LineSources.Scan }
                ? [.. cart.Corrections, Correction(cart, CorrectionActions.ChangeQuantity, existing, null, total)]
                : cart.Corrections;
            return Accept(cart with { Lines = Replace(cart.Lines, existing, line), Corrections = corrections });
        }, cancellationToken, correctsScan: true);
    }

    public async Task<CartOutcome<CartResponse>> SetQuantityAsync(Guid cartId, int productId, SetQuantityRequest request, CancellationToken cancellationToken)
    {
        if (InvalidQuantity(request.Quantity, allowZero: true) is { } invalid)
        {
            return invalid;
        }

        var quantity = request.Quantity!.Value;
        return await ChangeAsync(cartId, cart =>
        {
            if (cart.LineOf(productId) is not { } line)
            {
                return Refuse(CartOutcome.NotFound<CartResponse>(NoLine(cartId, productId)));
            }

            var changed = quantity == 0 ? null : line with { Quantity = quantity, NeedsCheck = false };
            var corrections = line.Source == LineSources.Scan
                ? [.. cart.Corrections, Correction(cart, quantity == 0 ? CorrectionActions.Remove : CorrectionActions.ChangeQuantity, line, null, quantity)]
                : cart.Corrections;
            return Accept(cart with { Lines = Replace(cart.Lines, line, changed), Corrections = corrections });
        }, cancellationToken, correctsScan: true);
    }

    public Task<CartOutcome<CartResponse>> RemoveLineAsync(Guid cartId, int productId, CancellationToken cancellationToken) =>
        SetQuantityAsync(cartId, productId, new SetQuantityRequest(0), cancellationToken);

    public async Task<CartOutcome<CartResponse>> ResolveAsync(Guid cartId, int productId, ResolveLineRequest request, CancellationToken cancellationToken)
    {
        if (request.Action is not { } action || !CorrectionActions.Resolutions.Contains(action))
        {
            return CartOutcome.Invalid<CartResponse>("action", $"action must be one of: {string.Join(", ", CorrectionActions.Resolutions)}.");
        }

        if (request.Quantity is not null && InvalidQuantity(request.Quantity, allowZero: false) is { } invalid)
        {
            return invalid;
        }

        CatalogProduct? replacement = null;
        if (action == CorrectionActions.Swap)
        {
            if (request.ProductId is not { } replacementId || replacementId == productId)
            {
                return CartOutcome.Invalid<CartResponse>("productId", "A swap names the product that is really on the tray.");
            }

            replacement = await catalog.GetProductAsync(replacementId, cancellationToken);
            if (replacement is not { IsActive: true })
            {
                return CartOutcome.Invalid<CartResponse>("productId", $"No product on sale has id {replacementId}.");
            }
        }

        return await ChangeAsync(cartId, cart =>
        {
            if (cart.LineOf(productId) is not { } line)
            {
                return Refuse(CartOutcome.NotFound<CartResponse>(NoLine(cartId, productId)));
            }

            if (line.Source != LineSources.Scan)
            {
                return Refuse(CartOutcome.Invalid<CartResponse>("productId", "Only scanned lines are resolved; change a manual line's quantity instead."));
            }

            var quantity = request.Quantity ?? line.Quantity;
            var lines = cart.Lines;
            switch (action)
            {
                case CorrectionActions.Confirm:
                    lines = Replace(lines, line, line with { Quantity = quantity, NeedsCheck = false });
                    break;
                case CorrectionActions.Swap:
                    var other = cart.LineOf(replacement!.Id);
                    var merged = (other?.Quantity ?? 0) + quantity;
                    if (merged > _options.MaxQuantity)
                    {
                        return Refuse(CartOutcome.Invalid<CartResponse>("quantity", $"At most {_options.MaxQuantity} of one product."));
                    }

                    lines = Replace(Replace(lines, line, null), other, new CartLineState(replacement.Id, merged, other?.Source ?? LineSources.Scan, false));
                    break;
                default:
                    lines = Replace(lines, line, null);
                    quantity = 0;
                    break;
            }

            var correction = Correction(cart, action, line, replacement?.Id, quantity);
            return Accept(cart with { Lines = lines, Corrections = [.. cart.Corrections, correction] });
        }, cancellationToken, correctsScan: true);
    }

    public async Task<CartOutcome<CartResponse>> LinkChecklistAsync(Guid cartId, LinkChecklistRequest request, CancellationToken cancellationToken)
    {
        if (ChecklistCode.Normalize(request.Code) is not { } code)
        {
            return CartOutcome.Invalid<CartResponse>("code", $"A checklist code is {ChecklistCode.Length} characters of {ChecklistCode.Alphabet}.");
        }

        if (await checklists.GetAsync(code) is null)
        {
            return CartOutcome.NotFound<CartResponse>($"No checklist has code {code}.");
        }

        return await ChangeAsync(cartId, cart => Accept(cart with { ChecklistCode = code }), cancellationToken);
    }

    /// <param name="correctsScan">the change may correct the cart's last scan: it is judged and kept as training data</param>
    private async Task<CartOutcome<CartResponse>> ChangeAsync(
        Guid cartId, Func<CartState, (CartState?, CartOutcome<CartResponse>?)> change, CancellationToken cancellationToken, bool correctsScan = false)
    {
        // Priced before it is written: a Catalog that fails here leaves the cart as it was.
        CartResponse? priced = null;
        var result = await carts.UpdateAsync(
            cartId,
            cart => cart.Closed ? (null, CartOutcome.Closed<CartResponse>(cartId)) : change(cart),
            beforeWrite: async changed => priced = await pricing.PriceAsync(changed, cancellationToken),
            readFirst: null);
        if (result is { Outcome: null } && correctsScan)
        {
            await recorder.RecordAsync(result.Cart, cancellationToken);
        }

        return result switch
        {
            null => CartOutcome.NotFound<CartResponse>(NoCart(cartId)),
            { Outcome: { } refused } => refused,
            _ => CartOutcome.Ok<CartResponse>(priced ?? await pricing.PriceAsync(result.Cart, cancellationToken)),
        };
    }

    private async Task<CartOutcome<CartResponse>> PriceAsync(CartState cart, CancellationToken cancellationToken) =>
        CartOutcome.Ok<CartResponse>(await pricing.PriceAsync(cart, cancellationToken));

    private Task<CatalogProduct?> FindProductAsync(AddLineRequest request, CancellationToken cancellationToken) =>
        request.Sku is not null
            ? string.IsNullOrWhiteSpace(request.Sku) ? Task.FromResult<CatalogProduct?>(null) : catalog.GetProductBySkuAsync(request.Sku, cancellationToken)
            : catalog.GetProductAsync(request.ProductId!.Value, cancellationToken);

    private CartOutcome<CartResponse>? InvalidQuantity(int? quantity, bool allowZero) =>
        quantity is { } q && q >= (allowZero ? 0 : 1) && q <= _options.MaxQuantity
            ? null
            : CartOutcome.Invalid<CartResponse>("quantity", $"quantity must be between {(allowZero ? 0 : 1)} and {_options.MaxQuantity}.");

    private LineCorrection Correction(CartState cart, string action, CartLineState line, int? replacementId, int quantity) =>
        new(time.GetUtcNow(), action, line.ProductId, line.Quantity, replacementId, quantity, cart.LastScanId);

    /// <summary>The lines with <paramref name="old"/> replaced by <paramref name="replacement"/> (appended when new, dropped when null).</summary>
    private static List<CartLineState> Replace(IReadOnlyList<CartLineState> lines, CartLineState? old, CartLineState? replacement)
    {
        var result = lines.Where(l => l != old).ToList();
        if (replacement is not null)
        {
            var index = old is null ? -1 : lines.ToList().IndexOf(old);
            result.Insert(index < 0 ? result.Count : index, replacement);
        }

        return result;
    }

    private static (CartState?, CartOutcome<CartResponse>?) Accept(CartState changed) => (changed, null);

    private static (CartState?, CartOutcome<CartResponse>?) Refuse(CartOutcome<CartResponse> outcome) => (null, outcome);

    private static string NoCart(Guid cartId) => $"No cart {cartId} (it may have expired).";

    private static string NoLine(Guid cartId, int productId) => $"Cart {cartId} has no line for product {productId}.";
}
