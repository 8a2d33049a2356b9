using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedOnAdd();
        builder.Property(x => x.UserName).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.Action).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.TargetId).HasMaxLength(ColumnLengths.Name);
        builder.HasIndex(x => x.At);
    }
}
