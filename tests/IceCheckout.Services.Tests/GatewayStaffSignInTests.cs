using System.Net;
using System.Net.Http.Json;
using IceCheckout.Services.Tests.Infrastructure;

namespace IceCheckout.Services.Tests;

public sealed class GatewayStaffSignInTests(StaffGatewayFixture gateway) : IClassFixture<StaffGatewayFixture>
{
    [Fact]
    public async Task Sign_in_sets_an_http_only_strict_session_cookie_and_the_session_says_who()
    {
        using var browser = gateway.NewBrowser();

        using var response = await StaffBrowser.SignInAsync(browser, EdgeGatewayFixture.StaffUser, EdgeGatewayFixture.StaffPassword);
        using var session = await browser.GetFromJsonAsync<System.Text.Json.JsonDocument>("/api/staff/session");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("icecheckout.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.True(session!.RootElement.GetProperty("signedIn").GetBoolean());
        Assert.Equal(EdgeGatewayFixture.StaffUser, session.RootElement.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task A_wrong_password_or_unknown_user_is_refused_with_401_and_no_session()
    {
        using var browser = gateway.NewBrowser();

        using var wrongPassword = await StaffBrowser.SignInAsync(browser, EdgeGatewayFixture.StaffUser, "not the password");
        using var unknownUser = await StaffBrowser.SignInAsync(browser, "nobody", EdgeGatewayFixture.StaffPassword);
        using var session = await browser.GetFromJsonAsync<System.Text.Json.JsonDocument>("/api/staff/session");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal("application/problem+json", wrongPassword.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser.StatusCode);
        Assert.False(wrongPassword.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("icecheckout.staff=", StringComparison.Ordinal)));
        Assert.False(session!.RootElement.GetProperty("signedIn").GetBoolean());
    }

    [Fact]
    public async Task Sign_in_without_the_antiforgery_token_is_refused()
    {
        using var browser = gateway.NewBrowser();

        using var response = await StaffBrowser.SignInAsync(browser, EdgeGatewayFixture.StaffUser, EdgeGatewayFixture.StaffPassword, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sign_in_with_empty_fields_is_a_validation_problem()
    {
        using var browser = gateway.NewBrowser();

        using var response = await StaffBrowser.SignInAsync(browser, "", "");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("userName", body, StringComparison.Ordinal);
        Assert.Contains("password", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_staff_call_to_an_admin_route_carries_that_service_s_staff_key()
    {
        using var browser = gateway.NewBrowser();
        var token = await StaffBrowser.SignedInTokenAsync(browser, EdgeGatewayFixture.StaffUser, EdgeGatewayFixture.StaffPassword);
        var id = Guid.NewGuid().ToString("N");

        using var read = await browser.GetAsync($"/api/catalog/admin/products/{id}/stock-movements");
        using var change = new HttpRequestMessage(HttpMethod.Put, $"/api/catalog/admin/products/{id}/price") { Content = JsonContent.Create(new { price = 900 }) };
        change.Headers.Add(StaffBrowser.AntiforgeryHeader, token);
        using var changed = await browser.SendAsync(change);
        using var refund = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{id}/refund") { Content = JsonContent.Create(new { restock = true }) };
        refund.Headers.Add(StaffBrowser.AntiforgeryHeader, token);
        using var refunded = await browser.SendAsync(refund);
        using var list = await browser.GetAsync($"/api/orders?from=2026-12-01&to={id}");

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(EdgeGatewayFixture.CatalogStaffKey, Recorded($"/api/catalog/admin/products/{id}/stock-movements").Headers["X-Api-Key"]);
        Assert.Equal(EdgeGatewayFixture.CatalogStaffKey, Recorded($"/api/catalog/admin/products/{id}/price").Headers["X-Api-Key"]);
        Assert.Equal(EdgeGatewayFixture.CartStaffKey, Recorded($"/api/orders/{id}/refund").Headers["X-Api-Key"]);
        Assert.Equal(EdgeGatewayFixture.CartStaffKey, Recorded($"/api/orders?from=2026-12-01&to={id}").Headers["X-Api-Key"]);
    }

    [Fact]
    public async Task A_signed_in_change_without_the_antiforgery_token_is_not_forwarded()
    {
        using var browser = gateway.NewBrowser();
        await StaffBrowser.SignedInTokenAsync(browser, EdgeGatewayFixture.StaffUser, EdgeGatewayFixture.StaffPassword);
        var path = $"/api/catalog/admin/products/{Guid.NewGuid():N}/price";

        using var response = await browser.PutAsJsonAsync(path, new { price = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(gateway.Destination.Requests, request => request.PathAndQuery == path);
    }

    [Fact]
    public async Task Keys_and_cookies_a_browser_sends_are_stripped_and_public_routes_never_get_the_staff_key()
    {
        using var anonymous = gateway.NewBrowser();
        using var staff = gateway.NewBrowser();
        await StaffBrowser.SignedInTokenAsync(staff, EdgeGatewayFixture.StaffUser, EdgeGatewayFixture.StaffPassword);
        var id = Guid.NewGuid().ToString("N");

        using var forged = new HttpRequestMessage(HttpMethod.Get, $"/api/catalog/admin/products/{id}");
        forged.Headers.Add("X-Api-Key", "a-key-someone-found");
        forged.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "another-key");
        using var forgedResponse = await anonymous.SendAsync(forged);
        using var publicRead = await staff.GetAsync($"/api/catalog/products/{id}");
        using var receipt = await staff.GetAsync($"/api/orders/{id}");

        Assert.Equal(HttpStatusCode.OK, forgedResponse.StatusCode);
        var forwarded = Recorded($"/api/catalog/admin/products/{id}");
        Assert.False(forwarded.Headers.ContainsKey("X-Api-Key"));
        Assert.False(forwarded.Headers.ContainsKey("Authorization"));
        var publicForwarded = Recorded($"/api/catalog/products/{id}");
        Assert.False(publicForwarded.Headers.ContainsKey("X-Api-Key"));
        Assert.False(publicForwarded.Headers.ContainsKey("Cookie"));
        Assert.False(Recorded($"/api/orders/{id}").Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task After_sign_out_staff_calls_go_without_a_key()
    {
        using var browser = gateway.NewBrowser();
        var token = await StaffBrowser.SignedInTokenAsync(browser, EdgeGatewayFixture.StaffUser, EdgeGatewayFixture.StaffPassword);
        using var signOut = new HttpRequestMessage(HttpMethod.Post, "/api/staff/sign-out") { Content = JsonContent.Create(new { }) };
        signOut.Headers.Add(StaffBrowser.AntiforgeryHeader, token);
        using var signedOut = await browser.SendAsync(signOut);
        var path = $"/api/catalog/admin/products/{Guid.NewGuid():N}/stock-movements";

        using var response = await browser.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.False(Recorded(path).Headers.ContainsKey("X-Api-Key"));
    }

    private RecordedRequest Recorded(string pathAndQuery) =>
        Assert.Single(gateway.Destination.Requests, request => request.PathAndQuery == pathAndQuery);
}
