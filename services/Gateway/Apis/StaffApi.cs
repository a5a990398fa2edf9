using System.Security.Claims;
using IceCheckout.Gateway.Model;
using IceCheckout.Gateway.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IceCheckout.Gateway.Apis;

/// <summary>Staff sign-in at the gateway: a session cookie; the gateway then adds the staff API key to the staff calls it forwards.</summary>
public static class StaffApi
{
    public static RouteGroupBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/staff").WithTags("Staff");

        api.MapGet("/session", GetSession).WithSummary("Who is signed in, and the antiforgery token for the next change.");
        api.MapPost("/sign-in", SignIn).RequireRateLimiting(EdgeRateLimits.SignIn)
            .WithSummary("Signs a staff member in with user name and password; send the session's antiforgery token as X-CSRF-TOKEN.");
        api.MapPost("/sign-out", SignOut).WithSummary("Ends the staff session.");

        return api;
    }

    private static StaffSessionResponse GetSession(HttpContext context, IAntiforgery antiforgery) => Session(context, antiforgery);

    private static async Task<Results<Ok<StaffSessionResponse>, ValidationProblem, ProblemHttpResult>> SignIn(
        SignInRequest request, HttpContext context, StaffAccounts accounts, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AntiforgeryProblem();
        }

        var errors = request.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (accounts.Verify(request.UserName!, request.Password!) is not { } userName)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong user name or password.");
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, "Staff")],
            CookieAuthenticationDefaults.AuthenticationScheme));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        // The antiforgery token is bound to the user: the next request is made as the signed-in staff member.
        context.User = principal;
        return TypedResults.Ok(Session(context, antiforgery));
    }

    private static async Task<Results<Ok<StaffSessionResponse>, ProblemHttpResult>> SignOut(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AntiforgeryProblem();
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        context.User = new ClaimsPrincipal(new ClaimsIdentity());
        return TypedResults.Ok(Session(context, antiforgery));
    }

    public static ProblemHttpResult AntiforgeryProblem() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "Missing or invalid antiforgery token.",
        detail: "Read GET /api/staff/session and send its antiforgeryToken as the X-CSRF-TOKEN header.");

    private static StaffSessionResponse Session(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var signedIn = context.User.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };
        return new StaffSessionResponse(signedIn, signedIn ? context.User.Identity!.Name : null, tokens.RequestToken!);
    }
}
