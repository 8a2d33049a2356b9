using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class TimerRequestConfiguration : IEntityTypeConfiguration<TimerRequest>
{
    public void Configure(EntityTypeBuilder<TimerRequest> builder)
    {
        builder.ToTable("TimerRequests");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasMaxLength(Bookmark.IdMaxLength).ValueGeneratedNever();
        builder.Property(x => x.State).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.JobId).HasMaxLength(ColumnLengths.Key);
        builder.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.InstanceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.InstanceId);
        builder.HasIndex(x => x.State);
    }
}
