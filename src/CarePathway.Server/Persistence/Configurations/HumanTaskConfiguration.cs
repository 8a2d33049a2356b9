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
        // The worklist's views: open tasks of a role, of a lab hold, of an assignee, of a kind or of a patient in due order, and the newest
        // first (see the worklist benchmark in tests/CarePathway.Benchmarks).
        builder.HasIndex(x => new { x.Status, x.Role, x.DueAt });
        builder.HasIndex(x => new { x.Status, x.LabHold, x.DueAt });
        builder.HasIndex(x => new { x.Status, x.CreatedAt });
        builder.HasIndex(x => new { x.PatientId, x.Status, x.DueAt });
        // "My work" and a colleague's (assignee filter), and the task-kind filter, in due order.
        builder.HasIndex(x => new { x.Status, x.Assignee, x.DueAt });
        builder.HasIndex(x => new { x.Status, x.Kind, x.DueAt });
        builder.HasIndex(x => x.InstanceId);
    }
}
