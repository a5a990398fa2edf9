namespace IceCheckout.Search.Indexing;

/// <summary>Whether the index holds Catalog's products yet, and why not, for the health check.</summary>
public sealed class IndexState
{
    private volatile string? _problem = "The index has not been checked yet.";

    public bool IsBuilt => _problem is null;

    public string? Problem => _problem;

    public void MarkBuilt() => _problem = null;

    public void MarkWaiting(string problem) => _problem = problem;
}
