using System.Net;
using IceCheckout.Cart.Tests.Support;

namespace IceCheckout.Cart.Tests;

/// <summary>Detection not running: no worker takes the RPC requests.</summary>
[Collection(CartCollection.Name)]
public sealed class OutageTests(CartServers servers)
{
    [Fact]
    public async Task With_detection_down_a_scan_answers_503_with_retry_after_in_bounded_time_and_the_cart_is_unchanged()
    {
        await using var stack = await CartStack.StartAsync(servers, new Dictionary<string, string?> { ["Cart:Scan:DetectionTimeout"] = "00:00:01" }, withDetection: false);
        var client = stack.Cart.CreateClient();
        var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 1);

        var response = await client.PostAsync($"/api/carts/{cart.Id}/scan", CartClient.Frames(TestTrays.Image("test_000000"), TestTrays.Image("test_000001")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Equal(cart.Lines, (await client.GetCartAsync(cart.Id)).Lines);
    }
}
