using IceCheckout.Search.Engines.Lucene;
using IceCheckout.Search.Matching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IceCheckout.Search.Tests.Support;

/// <summary>A Lucene index in a temporary folder, with the aliases of the service's own appsettings.json; deleted on dispose.</summary>
public sealed class EmbeddedIndex : IDisposable
{
    public EmbeddedIndex(string? folder = null)
    {
        Folder = folder ?? Path.Combine(Path.GetTempPath(), $"icecheckout-search-{Guid.NewGuid():N}");
        Options = ServiceOptions();
        Options.Embedded.IndexPath = Folder;
        Aliases = new SearchAliases(Options.Aliases);
        Index = new LuceneProductIndex(Microsoft.Extensions.Options.Options.Create(Options), new TestEnvironment(), Aliases);
    }

    public string Folder { get; }

    public SearchOptions Options { get; }

    public SearchAliases Aliases { get; }

    public LuceneProductIndex Index { get; }

    public ProductSearch Search => new(Index);

    /// <summary>The options of <c>services/Search/appsettings.json</c>, which the service ships with.</summary>
    public static SearchOptions ServiceOptions()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(IceCheckout.Testing.RepositoryRoot.Path, "services", "Search", "appsettings.json"))
            .Build();
        return configuration.GetSection(SearchOptions.SectionName).Get<SearchOptions>() ?? new SearchOptions();
    }

    public void Dispose() => Close(deleteFolder: true);

    public void Close(bool deleteFolder)
    {
        Index.Dispose();
        if (deleteFolder && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";

        public string ApplicationName { get; set; } = "IceCheckout.Search";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
