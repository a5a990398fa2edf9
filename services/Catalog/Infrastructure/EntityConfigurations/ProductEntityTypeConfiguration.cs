using IceCheckout.Catalog.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IceCheckout.Catalog.Infrastructure.EntityConfigurations;

public class ProductEntityTypeConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> builder)
    {
        builder.ToTable("Products");
        builder.Property(p => p.Sku).HasMaxLength(32);
        builder.Property(p => p.DetectionLabel).HasMaxLength(64);
        builder.Property(p => p.NameKo).HasMaxLength(100);
        builder.Property(p => p.NameEn).HasMaxLength(100);
        builder.Property(p => p.Brand).HasMaxLength(50);
        builder.Property(p => p.ImageETag).HasMaxLength(64);
        builder.Property(p => p.Version).IsConcurrencyToken();

        builder.HasIndex(p => p.Sku).IsUnique();
        builder.HasIndex(p => p.DetectionLabel).IsUnique();
        builder.HasIndex(p => new { p.CategoryId, p.Price });
        builder.HasIndex(p => p.NameKo);

        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ProductImage>().WithOne().HasForeignKey<ProductImage>(i => i.ProductId).OnDelete(DeleteBehavior.Cascade);
    }
}
