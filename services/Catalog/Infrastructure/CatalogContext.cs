using IceCheckout.Catalog.IntegrationEvents;
using IceCheckout.Catalog.Model;
using IceCheckout.Outbox;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Catalog.Infrastructure;

/// <summary>
/// The catalogue database. Saving a tracked product stamps its timestamps and version and writes its
/// <c>catalog.product.*</c> event to the outbox in the same transaction, so no change goes unannounced.
/// </summary>
public class CatalogContext(DbContextOptions<CatalogContext> options) : DbContext(options)
{
    private readonly List<(int Id, string Sku)> _changedProducts = [];

    public DbSet<Product> Products => Set<Product>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<ProductImage> ProductImages => Set<ProductImage>();

    public DbSet<StockMovement> StockMovements => Set<StockMovement>();

    public DbSet<StockReservation> StockReservations => Set<StockReservation>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    /// <summary>The products changed through this context since the last call, for cache invalidation once their transaction committed.</summary>
    public IReadOnlyList<(int Id, string Sku)> TakeChangedProducts()
    {
        var changed = _changedProducts.ToList();
        _changedProducts.Clear();
        return changed;
    }

    public void RecordChangedProduct(Product product) => _changedProducts.Add((product.Id, product.Sku));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // utf8mb4_unicode_ci exists on MySQL 8 and MariaDB alike (MySQL's default utf8mb4_0900_ai_ci does not).
        modelBuilder.HasCharSet("utf8mb4").UseCollation("utf8mb4_unicode_ci");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CatalogContext).Assembly);
        modelBuilder.AddOutboxMessages();
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changed = StampProducts();
        if (changed.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        await using var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;

        // Saved first so that new products have their ids before their events are written.
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        foreach (var (product, deleted) in changed)
        {
            if (deleted)
            {
                this.AddIntegrationEvent(ProductEvents.Deleted(product));
            }
            else
            {
                product.Category ??= await Categories.FindAsync([product.CategoryId], cancellationToken);
                this.AddIntegrationEvent(ProductEvents.Upserted(product));
            }

            RecordChangedProduct(product);
        }

        written += await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken);
        }

        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving products also writes their events.");

    private List<(Product Product, bool Deleted)> StampProducts()
    {
        var now = DateTimeOffset.UtcNow;
        var changed = new List<(Product, bool)>();
        foreach (var entry in ChangeTracker.Entries<Product>())
        {
            if (entry.State == EntityState.Added)
            {
                entry.Entity.CreatedAt = now;
                entry.Entity.UpdatedAt = now;
                entry.Entity.Version = 1;
                changed.Add((entry.Entity, false));
            }
            else if (entry.State == EntityState.Modified)
            {
                var deletedNow = entry.Entity.DeletedAt is not null && entry.Property(p => p.DeletedAt).OriginalValue is null;
                entry.Entity.UpdatedAt = now;
                entry.Entity.Version = entry.Property(p => p.Version).OriginalValue + 1;
                changed.Add((entry.Entity, deletedNow));
            }
        }

        return changed;
    }
}
