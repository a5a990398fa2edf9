namespace IceCheckout.AppHost;

internal static class WebDevServer
{
    public const string ResourceName = "web";

    /// <summary>
    /// In run mode, the web app's Vite dev server (<c>npm run dev</c> in <c>web/</c>, hot reload) proxying <c>/api</c> to the
    /// gateway it finds as <c>services__gateway__http__0</c>. Published, the gateway serves the built <c>web/dist</c> itself.
    /// Nothing while the repository has no web app yet.
    /// </summary>
    public static void AddWebDevServer(this IDistributedApplicationBuilder builder, IResourceBuilder<IResourceWithServiceDiscovery> gateway)
    {
        var webDirectory = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "web"));
        if (!builder.ExecutionContext.IsRunMode || !File.Exists(Path.Combine(webDirectory, "package.json")))
        {
            return;
        }

        builder.AddExecutable(ResourceName, "npm", webDirectory, "run", "dev")
            .WithHttpEndpoint(env: "PORT")
            .WithReference(gateway)
            .WithExternalHttpEndpoints();
    }
}
