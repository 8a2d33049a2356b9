using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class PendingDeliveryConfiguration : IEntityTypeConfiguration<PendingDelivery>
{
    /// <summary>Long enough for a failure message; a longer one is cut.</summary>
    public const int LastErrorMaxLength = 2000;

    public void Configure(EntityTypeBuilder<PendingDelivery> builder)
    {
        builder.ToTable("PendingDeliveries");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.EventType).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.EventKey).HasMaxLength(ColumnLengths.Name);
        builder.Property(x => x.RecordedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.LastError).HasMaxLength(LastErrorMaxLength);
        builder.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => x.CreatedAt);
        builder.HasIndex(x => x.PatientId);
    }
}
