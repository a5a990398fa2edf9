using IceCheckout.Gateway.Apis;
using IceCheckout.Gateway.Model;
using IceCheckout.Gateway.Staff;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace IceCheckout.Gateway;

public static class StaffExtensions
{
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>Staff accounts, the session cookie and antiforgery tokens (<see cref="StaffOptions"/>).</summary>
    public static IHostApplicationBuilder AddStaffSignIn(this IHostApplicationBuilder builder)
    {
        var staff = builder.Configuration.GetSection(StaffOptions.Section).Get<StaffOptions>() ?? new StaffOptions();
        builder.Services.Configure<StaffOptions>(builder.Configuration.GetSection(StaffOptions.Section));
        builder.Services.AddSingleton<StaffAccounts>();
        builder.Services.AddHostedService<StaffConfigurationReport>();

        var securePolicy = staff.SecureCookie ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "icecheckout.staff";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = securePolicy;
                options.ExpireTimeSpan = staff.SessionLifetime;
                options.SlidingExpiration = true;
                // An API, not pages: no redirects to a login page.
                options.Events.OnRedirectToLogin = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = "icecheckout.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = securePolicy;
        });

        return builder;
    }

    /// <summary>
    /// A signed-in staff member's changes through the proxy (the calls that get the staff key) must carry the antiforgery
    /// token: another site cannot make the browser spend the staff session.
    /// </summary>
    public static WebApplication UseStaffAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            var isChange = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
            if (isChange
                && StaffKeyTransformProvider.IsSignedInStaff(context.User)
                && StaffRoutes.IsStaffRoute(context.Request.Path, method)
                && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await StaffApi.AntiforgeryProblem().ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }
}
