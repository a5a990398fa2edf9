using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IceCheckout.Outbox;

/// <summary>
/// Runs every <see cref="IAfterCommit"/> once a context's changes are committed: when an explicit transaction commits
/// (CommitAsync), or when SaveChangesAsync returns outside one (it then committed its own). Synchronous saves and
/// commits are not followed; the services use the asynchronous ones only.
/// </summary>
public sealed class AfterCommitInterceptor(IEnumerable<IAfterCommit> handlers) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly IAfterCommit[] _handlers = [.. handlers];

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            await RunAsync(context);
        }

        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await RunAsync(context);
        }
    }

    // Not cancellable: the changes are committed, and what follows them must happen even if the caller gave up.
    private async Task RunAsync(DbContext context)
    {
        foreach (var handler in _handlers)
        {
            await handler.ChangesCommittedAsync(context, CancellationToken.None);
        }
    }
}
