using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace IceCheckout.Search.Feed;

/// <summary>
/// Reads paid orders through Cart's order API (<c>services:cart:http:0</c>) with Search's service key: the list for
/// their ids, each receipt for its lines. Never Cart's database.
/// </summary>
public sealed class CartOrdersClient(HttpClient http, IOptions<FeedOptions> options)
{
    private const int PageSize = 100;

    /// <summary>The products of every order paid before <paramref name="before"/> (created before it, still <c>Paid</c>).</summary>
    public async IAsyncEnumerable<IReadOnlyList<int>> ReadPaidOrdersAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var key = options.Value.CartServiceKey;
        if (string.IsNullOrWhiteSpace(key))
        {
            throw new CartOrdersUnavailableException("Search:Feed:CartServiceKey is not configured, so Cart's orders cannot be read.");
        }

        var to = Uri.EscapeDataString(before.ToString("O", CultureInfo.InvariantCulture));
        for (var pageIndex = 0; ; pageIndex++)
        {
            var page = await GetAsync<OrderPage>($"/api/orders?state=Paid&to={to}&pageIndex={pageIndex}&pageSize={PageSize}", key, cancellationToken);
            foreach (var order in page.Data)
            {
                var receipt = await GetAsync<OrderReceipt>($"/api/orders/{order.Id}", key, cancellationToken);
                yield return [.. receipt.Lines.Where(l => l.Quantity > 0).Select(l => l.ProductId)];
            }

            if (page.Data.Count < PageSize)
            {
                yield break;
            }
        }
    }

    private async Task<T> GetAsync<T>(string path, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CartOrdersUnavailableException($"Cart answered {(int)response.StatusCode} to {path}.");
            }

            return await response.Content.ReadFromJsonAsync<T>(cancellationToken) ?? throw new CartOrdersUnavailableException($"Cart answered {path} with nothing.");
        }
        catch (HttpRequestException exception)
        {
            throw new CartOrdersUnavailableException($"Cart did not answer: {exception.Message}", exception);
        }
    }

    private sealed record OrderPage(IReadOnlyList<OrderListEntry> Data);

    private sealed record OrderListEntry(Guid Id);

    private sealed record OrderReceipt(IReadOnlyList<OrderReceiptLine> Lines);

    private sealed record OrderReceiptLine(int ProductId, int Quantity);
}
