using IceCheckout.Catalog.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IceCheckout.Catalog.Infrastructure.EntityConfigurations;

public class CategoryEntityTypeConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("Categories");
        builder.Property(c => c.Slug).HasMaxLength(32);
        builder.Property(c => c.NameKo).HasMaxLength(50);
        builder.Property(c => c.NameEn).HasMaxLength(50);
        builder.HasIndex(c => c.Slug).IsUnique();
    }
}
