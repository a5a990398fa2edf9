using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IceCheckout.ServiceDefaults.Authentication;

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>
    /// API-key authentication from <c>{section}:Staff:ApiKeys</c> and <c>{section}:Services:ApiKeys</c>, the policies
    /// <see cref="ApiKeyRoles.StaffPolicy"/> and <see cref="ApiKeyRoles.StaffOrServicePolicy"/>, and the key scheme in the
    /// service's OpenAPI document. Call <c>UseAuthentication</c> and <c>UseAuthorization</c> after Build().
    /// </summary>
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder, string section)
    {
        var configuration = builder.Configuration;
        builder.Services.AddOptions<ApiKeyOptions>().Configure(options =>
        {
            options.Section = section;
            options.StaffKeys = configuration.GetSection($"{section}:Staff:ApiKeys").Get<string[]>() ?? [];
            options.ServiceKeys = configuration.GetSection($"{section}:Services:ApiKeys").Get<string[]>() ?? [];
        });
        builder.Services.AddHostedService<ApiKeyConfigurationReport>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyRoles.StaffPolicy, policy => policy.RequireRole(ApiKeyRoles.Staff))
            .AddPolicy(ApiKeyRoles.StaffOrServicePolicy, policy => policy.RequireRole(ApiKeyRoles.Staff, ApiKeyRoles.Service));

        builder.Services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer<ApiKeySecurityTransformer>());
        return builder;
    }
}
