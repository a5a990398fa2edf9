using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace IceCheckout.Gateway;

/// <summary>
/// Serves the built web app (<c>WebApp:DistPath</c>, by default <c>web/dist</c> of the repository), compressed, with a long
/// cache on the content-hashed files under <c>/assets</c>, none on <c>index.html</c>, and a fallback to <c>index.html</c>
/// for client-side routes. Without a built web app the gateway serves the APIs only.
/// </summary>
public static class WebAppExtensions
{
    private const string DistPathKey = "WebApp:DistPath";
    private const string DefaultDistPath = "../../web/dist";
    private const string IndexFile = "index.html";
    private const string HashedAssetsPath = "/assets";

    public static IHostApplicationBuilder AddWebApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml"]);
        });
        return builder;
    }

    public static WebApplication UseWebApp(this WebApplication app)
    {
        if (GetWebAppFiles(app) is not { } files)
        {
            app.Logger.LogInformation("No built web app at {DistPath}; serving the APIs only.", GetDistPath(app));
            return app;
        }

        // The APIs' answers pass through as the services sent them.
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/api"), web => web.UseResponseCompression());
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(StaticFiles(files));
        return app;
    }

    /// <summary>Unknown paths under <c>/api</c> are 404 ProblemDetails; any other path without a file extension gets the app.</summary>
    public static WebApplication MapWebAppFallback(this WebApplication app)
    {
        app.MapFallback("/api/{**rest}", () => TypedResults.NotFound());

        if (GetWebAppFiles(app) is { } files)
        {
            app.MapFallbackToFile(IndexFile, StaticFiles(files));
        }

        return app;
    }

    private static StaticFileOptions StaticFiles(IFileProvider files) => new()
    {
        FileProvider = files,
        OnPrepareResponse = context =>
        {
            var headers = context.Context.Response.Headers;
            headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments(HashedAssetsPath)
                ? "public, max-age=31536000, immutable"
                : "no-cache";
        },
    };

    private static string GetDistPath(WebApplication app) =>
        Path.GetFullPath(app.Configuration[DistPathKey] ?? DefaultDistPath, app.Environment.ContentRootPath);

    private static PhysicalFileProvider? GetWebAppFiles(WebApplication app)
    {
        var distPath = GetDistPath(app);
        return File.Exists(Path.Combine(distPath, IndexFile)) ? new PhysicalFileProvider(distPath) : null;
    }
}
