using System.Net.Http.Json;
using System.Text.Json;

namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>What the web app does to sign in at the gateway: read the session for its antiforgery token, then post.</summary>
public static class StaffBrowser
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static async Task<string> ReadAntiforgeryTokenAsync(HttpClient browser)
    {
        using var session = await browser.GetAsync("/api/staff/session");
        session.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await session.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("antiforgeryToken").GetString()!;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string userName, string password, bool withToken = true)
    {
        var token = await ReadAntiforgeryTokenAsync(browser);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/staff/sign-in")
        {
            Content = JsonContent.Create(new { userName, password }),
        };
        if (withToken)
        {
            request.Headers.Add(AntiforgeryHeader, token);
        }

        return await browser.SendAsync(request);
    }

    /// <summary>Signs in and returns the antiforgery token of the signed-in session.</summary>
    public static async Task<string> SignedInTokenAsync(HttpClient browser, string userName, string password)
    {
        using var response = await SignInAsync(browser, userName, password);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(document.RootElement.GetProperty("signedIn").GetBoolean());
        return document.RootElement.GetProperty("antiforgeryToken").GetString()!;
    }
}
