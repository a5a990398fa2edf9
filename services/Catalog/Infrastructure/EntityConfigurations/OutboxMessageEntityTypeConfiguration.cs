using IceCheckout.Catalog.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IceCheckout.Catalog.Infrastructure.EntityConfigurations;

public class OutboxMessageEntityTypeConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.Property(m => m.RoutingKey).HasMaxLength(100);
        builder.Property(m => m.Payload).HasColumnType("longtext");
        builder.Property(m => m.TraceParent).HasMaxLength(64);
        builder.Property(m => m.TraceState).HasMaxLength(512);
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.HasIndex(m => new { m.SentAt, m.Id });
    }
}
