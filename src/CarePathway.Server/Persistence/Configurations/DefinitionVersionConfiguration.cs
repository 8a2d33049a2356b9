using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class DefinitionVersionConfiguration : IEntityTypeConfiguration<DefinitionVersion>
{
    public void Configure(EntityTypeBuilder<DefinitionVersion> builder)
    {
        builder.ToTable("DefinitionVersions");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.DefinitionId).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Name).HasMaxLength(ColumnLengths.Name);
        builder.Property(x => x.Status).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.ContentHash).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.CreatedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.PublishedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.RetiredBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.SubmittedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.ApprovedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.ChangeNote).HasMaxLength(ColumnLengths.Reason);
        builder.Property(x => x.RetireReason).HasMaxLength(ColumnLengths.Reason);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasIndex(x => new { x.DefinitionId, x.Version }).IsUnique();
    }
}
