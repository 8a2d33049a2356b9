using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class AccessGrantConfiguration : IEntityTypeConfiguration<AccessGrant>
{
    public void Configure(EntityTypeBuilder<AccessGrant> builder)
    {
        builder.ToTable("AccessGrants");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.ServiceCode).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.UserName).HasMaxLength(ColumnLengths.UserName);
        builder.Property(x => x.Reason).HasMaxLength(ColumnLengths.Reason);
        builder.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceCode).OnDelete(DeleteBehavior.Restrict);
        // Every patient-care request of clinical staff reads the user's live grants.
        builder.HasIndex(x => new { x.UserName, x.ExpiresAt });
        builder.HasIndex(x => new { x.ServiceCode, x.GrantedAt });
    }
}
