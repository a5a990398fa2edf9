using System.Net;
using System.Net.Http.Json;
using IceCheckout.Cart.Model;
using IceCheckout.Cart.Tests.Support;
using Microsoft.AspNetCore.Mvc;

namespace IceCheckout.Cart.Tests;

/// <summary>
/// Detection down or slow, Catalog cut mid-scan: the scan answers 503 ProblemDetails with Retry-After within the
/// configured bound, and the cart is exactly as it was.
/// </summary>
[Collection(CartCollection.Name)]
public sealed class OutageTests(CartServers servers)
{
    private const string Tray = "test_000000";

    [Fact]
    public async Task With_detection_down_a_scan_answers_503_with_retry_after_in_bounded_time_and_the_cart_is_unchanged()
    {
        await using var stack = await CartStack.StartAsync(servers, new Dictionary<string, string?> { ["Cart:Scan:DetectionTimeout"] = "00:00:01" }, withDetection: false);
        var client = stack.Cart.CreateClient();
        var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 1);

        var response = await client.PostAsync($"/api/carts/{cart.Id}/scan", CartClient.Frames(TestTrays.Image(Tray), TestTrays.Image("test_000001")));

        await AssertUnavailableAsync(response);
        AssertSame(cart, await client.GetCartAsync(cart.Id));
    }

    [Fact]
    public async Task A_worker_that_answers_too_late_gets_a_503_first_and_its_late_answer_changes_nothing()
    {
        var stack = await servers.SharedStackAsync(nameof(OutageTests) + ".slow", new Dictionary<string, string?> { ["Cart:Scan:DetectionTimeout"] = "00:00:02" });
        var client = stack.Cart.CreateClient();
        var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 1);
        var taken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stack.Detection.Hook.BeforeAnswer(async cancellationToken =>
        {
            taken.TrySetResult();
            await release.Task.WaitAsync(cancellationToken);
        });

        HttpResponseMessage response;
        int answeredBeforeCart;
        try
        {
            response = await client.PostAsync($"/api/carts/{cart.Id}/scan", CartClient.Frames(TestTrays.Image(Tray)));
            answeredBeforeCart = stack.Detection.Hook.Answered;
        }
        finally
        {
            release.TrySetResult();
        }

        // Cart answered while the worker, which had the frame, was still holding its answer back.
        Assert.True(taken.Task.IsCompleted, "the worker never took the frame");
        Assert.Equal(0, answeredBeforeCart);
        await AssertUnavailableAsync(response);
        await WaitUntilAsync(() => stack.Detection.Hook.Answered == 1, "the worker's late answer");
        AssertSame(cart, await client.GetCartAsync(cart.Id));
    }

    private const string WhileDetecting = "while Detection looks at the frame";
    private const string AfterNaming = "once Catalog has named the products";

    [Theory]
    [InlineData(WhileDetecting)]
    [InlineData(AfterNaming)]
    public async Task Catalog_cut_mid_scan_gives_a_503_and_the_cart_is_unchanged(string when)
    {
        var stack = await servers.SharedStackAsync(nameof(OutageTests) + ".catalog", new Dictionary<string, string?>
        {
            // Every product is asked of Catalog again, so that cutting it matters at each step of the scan.
            ["Cart:Catalog:CacheLifetime"] = "00:00:00.001",
            ["Cart:Catalog:Timeout"] = "00:00:02",
        });
        var client = stack.Cart.CreateClient();
        var cart = await CheckoutTests.CartWithAsync(stack, client, quantity: 1);
        var link = stack.Cart.CatalogLink;

        HttpResponseMessage response;
        try
        {
            if (when == WhileDetecting)
            {
                stack.Detection.Hook.BeforeAnswer(_ =>
                {
                    link.Down = true;
                    return Task.CompletedTask;
                });
            }
            else
            {
                link.GoDownAfter(request => request.RequestUri!.AbsolutePath.EndsWith("/by-labels", StringComparison.Ordinal));
            }

            response = await client.PostAsync($"/api/carts/{cart.Id}/scan", CartClient.Frames(TestTrays.Image(Tray)));
        }
        finally
        {
            stack.Detection.Hook.BeforeAnswer(_ => Task.CompletedTask);
            link.Restore();
        }

        await AssertUnavailableAsync(response);
        AssertSame(cart, await client.GetCartAsync(cart.Id));
        // With Catalog back, the same scan goes through.
        var scan = await client.ScanAsync(cart.Id, TestTrays.Image(Tray));
        Assert.Equal(TestTrays.Contents(Tray), scan.Cart.Lines.Where(l => l.Source == "scan").ToDictionary(l => l.DetectionLabel!, l => l.Quantity));
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var problem = (await response.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(503, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title));
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
    }

    /// <summary>Exactly as it was: lines, prices, corrections and its last change.</summary>
    private static void AssertSame(CartResponse before, CartResponse after)
    {
        Assert.Equal(before.Lines, after.Lines);
        Assert.Equal(before.Total, after.Total);
        Assert.Equal(before.Corrections, after.Corrections);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var attempt = 0; attempt < 600 && !condition(); attempt++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition(), $"{what} did not come");
    }
}
