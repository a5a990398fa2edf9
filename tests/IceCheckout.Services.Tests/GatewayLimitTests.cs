using System.Net;
using System.Net.Http.Json;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

public sealed class GatewayLimitTests(LimitedGatewayFixture gateway) : IClassFixture<LimitedGatewayFixture>
{
    [Theory]
    [InlineData("POST", "/api/carts/{0}/scan")]
    [InlineData("GET", "/api/search/suggest?q={0}")]
    public async Task Past_its_limit_a_client_gets_429_with_Retry_After_and_nothing_more_is_forwarded(string method, string pathFormat)
    {
        using var browser = gateway.NewBrowser();
        var paths = Enumerable.Range(0, LimitedGatewayFixture.PermitLimit + 1)
            .Select(_ => string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, Guid.NewGuid().ToString("N")))
            .ToList();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? rejected = null;
        foreach (var path in paths)
        {
            var response = await browser.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method == "POST" ? new ByteArrayContent([1, 2, 3]) : null,
            });
            statuses.Add(response.StatusCode);
            rejected = response;
        }

        Assert.All(statuses.Take(LimitedGatewayFixture.PermitLimit), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(int.Parse(rejected!.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(gateway.Destination.Requests, request => request.PathAndQuery == paths[^1]);
        rejected.Dispose();
    }

    [Fact]
    public async Task Sign_in_attempts_past_the_limit_are_refused_with_429_even_with_the_right_password()
    {
        using var browser = gateway.NewBrowser();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < LimitedGatewayFixture.PermitLimit; attempt++)
        {
            using var wrong = await StaffBrowser.SignInAsync(browser, EdgeGatewayFixture.StaffUser, $"guess {attempt}");
            statuses.Add(wrong.StatusCode);
        }

        using var right = await StaffBrowser.SignInAsync(browser, EdgeGatewayFixture.StaffUser, EdgeGatewayFixture.StaffPassword);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.True(right.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task An_image_larger_than_the_route_allows_is_refused_with_413_and_not_forwarded()
    {
        using var browser = gateway.NewBrowser();
        var small = $"/api/detection/detect?probe={Guid.NewGuid():N}";
        var large = $"/api/detection/detect?probe={Guid.NewGuid():N}";

        using var smallImage = new ByteArrayContent(new byte[LimitedGatewayFixture.DetectBytes / 2]);
        smallImage.Headers.ContentType = new("image/jpeg");
        using var accepted = await browser.PostAsync(small, smallImage);
        using var largeImage = new ByteArrayContent(new byte[LimitedGatewayFixture.DetectBytes + 1]);
        largeImage.Headers.ContentType = new("image/jpeg");
        using var refused = await browser.PostAsync(large, largeImage);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(gateway.Destination.Requests, request => request.PathAndQuery == small);
        Assert.DoesNotContain(gateway.Destination.Requests, request => request.PathAndQuery == large);
    }

    [Fact]
    public async Task Calls_without_a_limit_are_not_counted()
    {
        using var browser = gateway.NewBrowser();

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < LimitedGatewayFixture.PermitLimit * 3; call++)
        {
            using var response = await browser.GetAsync($"/api/catalog/products?page={call}");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
