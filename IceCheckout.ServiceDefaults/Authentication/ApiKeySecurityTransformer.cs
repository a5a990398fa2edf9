using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace IceCheckout.ServiceDefaults.Authentication;

/// <summary>Describes the API-key scheme in the OpenAPI document, so the API reference can send the key.</summary>
public sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "Staff or service API key.",
        };
        return Task.CompletedTask;
    }
}
