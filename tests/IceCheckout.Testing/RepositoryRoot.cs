namespace IceCheckout.Testing;

/// <summary>The folder holding <c>IceCheckout.sln</c>, found by walking up from the test assembly.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> s_path = new(Find);

    public static string Path => s_path.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "IceCheckout.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds IceCheckout.sln; the test fixtures need the repository's scripts/.");
    }
}
