using IceCheckout.Cart.Infrastructure.Payments;
using IceCheckout.Cart.Model;
using IceCheckout.Outbox;
using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Cart.Infrastructure.Orders;

/// <summary>The orders database: orders with their lines and history, checkout idempotency keys, the outbox, and the sandbox terminal's charges.</summary>
public class OrdersContext(DbContextOptions<OrdersContext> options) : DbContext(options)
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<SandboxCharge> SandboxCharges => Set<SandboxCharge>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // utf8mb4_unicode_ci exists on MySQL 8 and MariaDB alike (MySQL's default utf8mb4_0900_ai_ci does not).
        modelBuilder.HasCharSet("utf8mb4").UseCollation("utf8mb4_unicode_ci");
        modelBuilder.AddOutboxMessages();

        modelBuilder.Entity<Order>(order =>
        {
            order.ToTable("Orders");
            order.Property(o => o.State).HasMaxLength(20);
            order.Property(o => o.Currency).HasMaxLength(3);
            order.Property(o => o.PaymentReference).HasMaxLength(100);
            order.HasIndex(o => o.CartLock).IsUnique();
            order.HasIndex(o => o.CartId);
            order.HasIndex(o => new { o.State, o.UpdatedAt });
            order.HasIndex(o => o.CreatedAt);
            order.HasMany(o => o.Lines).WithOne().HasForeignKey(l => l.OrderId);
            order.HasMany(o => o.History).WithOne().HasForeignKey(h => h.OrderId);
        });
        modelBuilder.Entity<OrderLine>(line =>
        {
            line.ToTable("OrderLines");
            line.HasKey(l => new { l.OrderId, l.ProductId });
            line.Property(l => l.Sku).HasMaxLength(64);
            line.Property(l => l.NameKo).HasMaxLength(200);
            line.Property(l => l.NameEn).HasMaxLength(200);
        });
        modelBuilder.Entity<OrderStateChange>(change =>
        {
            change.ToTable("OrderStateChanges");
            change.Property(h => h.State).HasMaxLength(20);
            change.Property(h => h.Note).HasMaxLength(500);
        });
        modelBuilder.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("IdempotencyRecords");
            record.HasKey(r => r.Key);
            record.Property(r => r.Key).HasMaxLength(255);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            record.Property(r => r.ResponseBody).HasColumnType("longtext");
            record.HasIndex(r => r.OrderId);
            record.HasIndex(r => r.ExpiresAt);
        });
        modelBuilder.Entity<SandboxCharge>(charge =>
        {
            charge.ToTable("SandboxCharges");
            charge.HasKey(c => c.OrderId);
            charge.Property(c => c.Currency).HasMaxLength(3);
            charge.Property(c => c.Token).HasMaxLength(100);
            charge.Property(c => c.Status).HasMaxLength(20);
            charge.Property(c => c.Reference).HasMaxLength(100);
            charge.Property(c => c.DeclineReason).HasMaxLength(200);
        });
    }
}
