using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using IceCheckout.Cart.Model;

namespace IceCheckout.Cart.Tests.Support;

public static class CartClient
{
    public static MultipartFormDataContent Frames(params byte[][] frames)
    {
        var form = new MultipartFormDataContent();
        foreach (var (frame, index) in frames.Select((f, i) => (f, i)))
        {
            var content = new ByteArrayContent(frame);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, "frames", $"frame{index}.jpg");
        }

        return form;
    }

    public static async Task<CartResponse> NewCartAsync(this HttpClient client)
    {
        var response = await client.PostAsync("/api/carts", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CartResponse>())!;
    }

    public static async Task<ScanResponse> ScanAsync(this HttpClient client, Guid cartId, params byte[][] frames)
    {
        var response = await client.PostAsync($"/api/carts/{cartId}/scan", Frames(frames));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"scan answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ScanResponse>())!;
    }

    public static async Task<CartResponse> GetCartAsync(this HttpClient client, Guid cartId) =>
        (await client.GetFromJsonAsync<CartResponse>($"/api/carts/{cartId}"))!;

    public static async Task<CartResponse> AddLineAsync(this HttpClient client, Guid cartId, object line)
    {
        var response = await client.PostAsJsonAsync($"/api/carts/{cartId}/lines", line);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"add line answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<CartResponse>())!;
    }

    public static IReadOnlyDictionary<string, int> Contents(this CartResponse cart) =>
        cart.Lines.Where(l => l.DetectionLabel is not null).ToDictionary(l => l.DetectionLabel!, l => l.Quantity);
}
