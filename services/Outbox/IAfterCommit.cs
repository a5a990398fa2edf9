using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Outbox;

/// <summary>
/// Work that must follow a commit of the context's changes (waking the relay, dropping cached reads). Called by
/// <see cref="AfterCommitInterceptor"/> once per commit, so no writer has to remember it.
/// </summary>
public interface IAfterCommit
{
    Task ChangesCommittedAsync(DbContext context, CancellationToken cancellationToken);
}
