using Microsoft.Extensions.FileProviders;

namespace IceCheckout.Gateway;

/// <summary>
/// Serves the built web app (<c>WebApp:DistPath</c>, by default <c>web/dist</c> of the repository) with a fallback to its
/// <c>index.html</c> for client-side routes. Without a built web app the gateway serves the APIs only.
/// </summary>
public static class WebAppExtensions
{
    private const string DistPathKey = "WebApp:DistPath";
    private const string DefaultDistPath = "../../web/dist";
    private const string IndexFile = "index.html";

    public static WebApplication UseWebApp(this WebApplication app)
    {
        if (GetWebAppFiles(app) is not { } files)
        {
            app.Logger.LogInformation("No built web app at {DistPath}; serving the APIs only.", GetDistPath(app));
            return app;
        }

        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        return app;
    }

    /// <summary>Unknown paths under <c>/api</c> are 404 ProblemDetails; any other path without a file extension gets the app.</summary>
    public static WebApplication MapWebAppFallback(this WebApplication app)
    {
        app.MapFallback("/api/{**rest}", () => TypedResults.NotFound());

        if (GetWebAppFiles(app) is { } files)
        {
            app.MapFallbackToFile(IndexFile, new StaticFileOptions { FileProvider = files });
        }

        return app;
    }

    private static string GetDistPath(WebApplication app) =>
        Path.GetFullPath(app.Configuration[DistPathKey] ?? DefaultDistPath, app.Environment.ContentRootPath);

    private static PhysicalFileProvider? GetWebAppFiles(WebApplication app)
    {
        var distPath = GetDistPath(app);
        return File.Exists(Path.Combine(distPath, IndexFile)) ? new PhysicalFileProvider(distPath) : null;
    }
}
