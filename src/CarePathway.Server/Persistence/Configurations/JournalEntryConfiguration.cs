using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> builder)
    {
        builder.ToTable("JournalEntries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedOnAdd();
        builder.Property(x => x.Type).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.ActivityId).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Outcome).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.CauseKind).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.Actor).HasMaxLength(ColumnLengths.UserName);
        builder.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.InstanceId, x.Sequence }).IsUnique();
    }
}
