using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(Bookmark.IdMaxLength).ValueGeneratedNever();
        builder.Property(x => x.ActivityId).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Kind).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.EventType).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.EventKey).HasMaxLength(ColumnLengths.Name);
        builder.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.InstanceId);
        builder.HasIndex(x => new { x.EventType, x.EventKey });
    }
}
