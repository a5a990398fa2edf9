using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace IceCheckout.Cart.Corrections;

/// <summary>The file store in a local folder (<see cref="CorrectionOptions.Folder"/>); a file is written to a temporary name and moved, so a reader never sees half of it.</summary>
public sealed class LocalFolderFrameStore(IOptions<CorrectionOptions> options, IHostEnvironment environment) : IFrameStore
{
    private string Root => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));

    public async Task WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public async IAsyncEnumerable<StoredFolder> ListFoldersAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            yield break;
        }

        foreach (var folder in new DirectoryInfo(Root).EnumerateDirectories())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var newest = folder.EnumerateFiles().Select(f => f.LastWriteTimeUtc).DefaultIfEmpty(folder.LastWriteTimeUtc).Max();
            yield return new StoredFolder(folder.Name, new DateTimeOffset(newest, TimeSpan.Zero));
        }

        await Task.CompletedTask;
    }

    public Task<bool> ExistsAsync(string name, CancellationToken cancellationToken) => Task.FromResult(File.Exists(PathOf(name)));

    public Task DeleteFolderAsync(string folder, CancellationToken cancellationToken)
    {
        var path = PathOf(folder);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return Task.CompletedTask;
    }

    // Names come from scan ids and fixed file names; anything that would leave the root is refused.
    private string PathOf(string name)
    {
        var path = Path.GetFullPath(Path.Combine(Root, name));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"'{name}' is outside the store.", nameof(name));
    }
}
