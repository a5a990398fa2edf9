using Microsoft.EntityFrameworkCore;

namespace IceCheckout.Outbox;

public static class OutboxModelBuilderExtensions
{
    public const string TableName = "OutboxMessages";

    /// <summary>Maps <see cref="OutboxMessage"/> to the <c>OutboxMessages</c> table of the context's database.</summary>
    public static ModelBuilder AddOutboxMessages(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(builder =>
        {
            builder.ToTable(TableName);
            builder.Property(m => m.RoutingKey).HasMaxLength(100);
            builder.Property(m => m.Payload).HasColumnType("longtext");
            builder.Property(m => m.TraceParent).HasMaxLength(64);
            builder.Property(m => m.TraceState).HasMaxLength(512);
            builder.Property(m => m.LastError).HasMaxLength(1000);
            builder.HasIndex(m => m.MessageId).IsUnique();
            builder.HasIndex(m => new { m.SentAt, m.Id });
            builder.HasIndex(m => new { m.SentAt, m.AvailableAt });
        });
        return modelBuilder;
    }
}
