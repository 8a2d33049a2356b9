using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class HumanTaskConfiguration : IEntityTypeConfiguration<HumanTask>
{
    public void Configure(EntityTypeBuilder<HumanTask> builder)
    {
        builder.ToTable("HumanTasks");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Kind).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.ActivityId).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Role).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Assignee).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.Title).HasMaxLength(ColumnLengths.Name);
        builder.Property(x => x.DefaultOutcome).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Status).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.LabHold).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.Outcome).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.CompletedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.BookmarkId).HasMaxLength(Bookmark.IdMaxLength);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        // The worklist's views in their order, due first and undated last (DueOrder, the id settling ties), so a page is read
        // from an index instead of sorted: all open tasks, those of a role, a lab hold, an assignee ("my work") or a kind, and one
        // patient's; the newest first. The scope's patient id is carried where a view's count would otherwise read every row
        // for it. See the worklist benchmark in tests/CarePathway.Benchmarks.
        builder.HasIndex(x => new { x.Status, x.DueOrder, x.Id, x.PatientId });
        builder.HasIndex(x => new { x.Status, x.Role, x.DueOrder, x.Id, x.PatientId });
        builder.HasIndex(x => new { x.Status, x.LabHold, x.DueOrder, x.Id, x.PatientId });
        builder.HasIndex(x => new { x.Status, x.Assignee, x.DueOrder, x.Id });
        builder.HasIndex(x => new { x.Status, x.Kind, x.DueOrder, x.Id });
        builder.HasIndex(x => new { x.PatientId, x.Status, x.DueOrder });
        builder.HasIndex(x => new { x.Status, x.CreatedAt });
        // The counts (WorklistViews.CountAsync): grouped by kind, with every column a view reads and the scope's patient id,
        // so they are one pass over this index alone, in its order (no table row, no sort).
        builder.HasIndex(x => new { x.Status, x.Kind, x.Role, x.LabHold, x.DueOrder, x.PatientId });
        builder.HasIndex(x => x.InstanceId);
    }
}
