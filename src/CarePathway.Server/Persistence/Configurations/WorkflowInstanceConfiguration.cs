using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.DefinitionId).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Status).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.CreatedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
        builder.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => x.PatientId);
        builder.HasIndex(x => x.Status);
        builder.HasIndex(x => new { x.DefinitionId, x.Version });
    }
}
