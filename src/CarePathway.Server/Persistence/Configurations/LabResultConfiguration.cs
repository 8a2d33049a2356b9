using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class LabResultConfiguration : IEntityTypeConfiguration<LabResult>
{
    public void Configure(EntityTypeBuilder<LabResult> builder)
    {
        builder.ToTable("LabResults");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Code).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Value).HasPrecision(ColumnLengths.DecimalPrecision, ColumnLengths.DecimalScale);
        builder.Property(x => x.Unit).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.Status).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.RecordedBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.EnteredInErrorBy).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.EnteredInErrorReason).HasMaxLength(ColumnLengths.Reason);
        builder.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PatientId, x.Code, x.ObservedAt });
    }
}
