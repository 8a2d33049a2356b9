using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class PatientMeasurementConfiguration : IEntityTypeConfiguration<PatientMeasurement>
{
    public void Configure(EntityTypeBuilder<PatientMeasurement> builder)
    {
        builder.ToTable("PatientMeasurements");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Kind).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.Value).HasPrecision(ColumnLengths.DecimalPrecision, ColumnLengths.DecimalScale);
        builder.Property(x => x.Unit).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.RecordedBy).HasMaxLength(ColumnLengths.UserName);
        builder.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(x => new { x.PatientId, x.Kind, x.MeasuredAt });
    }
}
