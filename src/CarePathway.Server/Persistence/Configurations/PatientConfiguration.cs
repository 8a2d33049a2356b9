using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("Patients");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.Mrn).HasMaxLength(ColumnLengths.Key);
        builder.HasIndex(x => x.Mrn).IsUnique();
        builder.Property(x => x.GivenName).HasMaxLength(ColumnLengths.Name);
        builder.Property(x => x.FamilyName).HasMaxLength(ColumnLengths.Name);
        builder.Property(x => x.Sex).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.ServiceCode).HasMaxLength(ColumnLengths.Code);
        builder.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(x => x.RowVersion).IsConcurrencyToken();
    }
}
