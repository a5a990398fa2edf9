using System.Net;
using System.Net.Http.Json;
using IceCheckout.Cart.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Infrastructure.Catalog;

/// <summary>
/// Catalog over HTTP: products (read through a short-lived in-memory cache, so a busy kiosk does not ask for every price
/// every time) and stock reservations (with Cart's service key, never cached).
/// </summary>
public sealed class CatalogClient(HttpClient http, IMemoryCache cache, IOptions<CatalogClientOptions> options)
{
    private const string ApiKeyHeader = "X-Api-Key";
    private readonly CatalogClientOptions _options = options.Value;

    public Task<CatalogProduct?> GetProductAsync(int productId, CancellationToken cancellationToken) =>
        GetCachedAsync(ProductKey(productId), $"/api/catalog/products/{productId}", cancellationToken);

    public Task<CatalogProduct?> GetProductBySkuAsync(string sku, CancellationToken cancellationToken) =>
        GetCachedAsync($"sku:{sku}", $"/api/catalog/products/by-sku/{Uri.EscapeDataString(sku)}", cancellationToken);

    /// <summary>The active products known by these labels; a label Catalog does not know is absent from the answer.</summary>
    public async Task<IReadOnlyDictionary<string, CatalogProduct>> GetProductsByLabelsAsync(IReadOnlyCollection<string> labels, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, CatalogProduct>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var label in labels)
        {
            if (cache.TryGetValue(LabelKey(label), out CatalogProduct? product))
            {
                if (product is not null)
                {
                    found[label] = product;
                }
            }
            else
            {
                missing.Add(label);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var query = string.Join('&', missing.Select(l => $"labels={Uri.EscapeDataString(l)}"));
        var products = await SendAsync(
            () => http.GetFromJsonAsync<List<CatalogProduct>>($"/api/catalog/products/by-labels?{query}", cancellationToken),
            cancellationToken) ?? [];
        foreach (var label in missing)
        {
            var product = products.FirstOrDefault(p => p.DetectionLabel == label);
            cache.Set(LabelKey(label), product, _options.CacheLifetime);
            if (product is not null)
            {
                found[label] = product;
                cache.Set(ProductKey(product.Id), product, _options.CacheLifetime);
            }
        }

        return found;
    }

    /// <summary>Drops what is cached about a product (Catalog announced a change).</summary>
    public void Forget(int productId, string sku, string? detectionLabel)
    {
        cache.Remove(ProductKey(productId));
        cache.Remove($"sku:{sku}");
        if (detectionLabel is not null)
        {
            cache.Remove(LabelKey(detectionLabel));
        }
    }

    /// <summary>Holds stock for every line or none. Repeating it for the same order is harmless (Catalog answers the same reservation).</summary>
    public async Task<ReservationOutcome> ReserveAsync(Guid orderId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/catalog/stock/reservations")
        {
            Content = JsonContent.Create(new { orderId, lines }),
        };
        using var response = await SendKeyedAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return new ReservationOutcome(ReservationResult.Reserved);
        }

        var problem = await ReadProblemAsync(response, cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.Conflict => new ReservationOutcome(ReservationResult.InsufficientStock, problem),
            HttpStatusCode.NotFound => new ReservationOutcome(ReservationResult.UnknownProduct, problem),
            _ => throw new CatalogUnavailableException($"Catalog answered {(int)response.StatusCode} to a reservation: {problem}"),
        };
    }

    /// <summary>Gives a held reservation's stock back; an order without one is fine.</summary>
    public async Task ReleaseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/catalog/stock/reservations/{orderId}");
        using var response = await SendKeyedAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw new CatalogUnavailableException(
                $"Catalog answered {(int)response.StatusCode} to releasing order {orderId}: {await ReadProblemAsync(response, cancellationToken)}");
        }
    }

    private async Task<CatalogProduct?> GetCachedAsync(string key, string path, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(key, out CatalogProduct? cached))
        {
            return cached;
        }

        var product = await SendAsync(async () =>
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<CatalogProduct>(cancellationToken);
        }, cancellationToken);
        cache.Set(key, product, _options.CacheLifetime);
        return product;
    }

    private async Task<HttpResponseMessage> SendKeyedAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Add(ApiKeyHeader, _options.ServiceKey);
        return await SendAsync(() => http.SendAsync(request, cancellationToken), cancellationToken);
    }

    private static async Task<T> SendAsync<T>(Func<Task<T>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException
            && !cancellationToken.IsCancellationRequested)
        {
            throw new CatalogUnavailableException($"Catalog cannot be reached: {ex.Message}", ex);
        }
    }

    private static async Task<string?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return (await response.Content.ReadFromJsonAsync<ProblemDetails>(cancellationToken))?.Detail;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static string ProductKey(int productId) => $"product:{productId}";

    private static string LabelKey(string label) => $"label:{label}";
}
