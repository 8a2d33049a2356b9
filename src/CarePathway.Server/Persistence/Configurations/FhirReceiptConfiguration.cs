using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class FhirReceiptConfiguration : IEntityTypeConfiguration<FhirReceipt>
{
    public void Configure(EntityTypeBuilder<FhirReceipt> builder)
    {
        builder.ToTable("FhirReceipts");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).ValueGeneratedNever();
        builder.Property(x => x.ResourceType).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.Identifier).HasMaxLength(ColumnLengths.Reason);
        builder.Property(x => x.Version).HasMaxLength(ColumnLengths.Key);
        builder.Property(x => x.Status).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.ReceivedBy).HasMaxLength(ColumnLengths.UserName);
        builder.HasOne<Patient>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Restrict);
        // One receipt per version of a resource: a resource sent twice at once is refused by the database, not stored twice.
        builder.HasIndex(x => new { x.ResourceType, x.Identifier, x.Version }).IsUnique();
        builder.HasIndex(x => x.RecordId);
    }
}
