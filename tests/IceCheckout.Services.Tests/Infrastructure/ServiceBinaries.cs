using System.Reflection;

namespace IceCheckout.Services.Tests.Infrastructure;

/// <summary>Where the referenced service projects put their built assemblies (recorded at build time).</summary>
public static class ServiceBinaries
{
    private static readonly Dictionary<string, string> s_projectFolders = new(StringComparer.Ordinal)
    {
        ["gateway"] = "Gateway",
        ["catalog"] = "Catalog",
        ["search"] = "Search",
        ["cart"] = "Cart",
        ["detection"] = "Detection",
    };

    public static string PathOf(string serviceName)
    {
        var folder = s_projectFolders[serviceName];
        var path = Path.Combine(Metadata("ServicesDirectory"), folder, Metadata("ServicesOutputPath"), $"IceCheckout.{folder}.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"The {serviceName} service is not built at {path}.", path);
    }

    /// <summary>A file of the repository, by its path from the repository root.</summary>
    public static string RepositoryFile(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(Metadata("ServicesDirectory"), "..", relativePath));
        return File.Exists(path) ? path : throw new FileNotFoundException($"{relativePath} is not in the repository.", path);
    }

    private static string Metadata(string key) =>
        typeof(ServiceBinaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is empty.");
}
