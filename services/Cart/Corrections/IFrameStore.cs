namespace IceCheckout.Cart.Corrections;

/// <summary>
/// Where scans' frames and correction records live: flat names under one root (<c>{scanId}/frame-0.jpg</c>). The local
/// folder is the default; an object store (S3, Azure Blob) is another implementation of these five calls.
/// </summary>
public interface IFrameStore
{
    Task WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The content, or null when there is no such file.</summary>
    Task<byte[]?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>The folders directly under the root, with when each was last written.</summary>
    IAsyncEnumerable<StoredFolder> ListFoldersAsync(CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string name, CancellationToken cancellationToken);

    Task DeleteFolderAsync(string folder, CancellationToken cancellationToken);
}

public sealed record StoredFolder(string Name, DateTimeOffset LastWritten);
