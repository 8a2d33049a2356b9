using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePathway.Server.Persistence.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("Services");
        builder.HasKey(x => x.Code);
        builder.Property(x => x.Code).HasMaxLength(ColumnLengths.Code);
        builder.Property(x => x.DisplayName).HasMaxLength(ColumnLengths.Name);
        // Every database has it: the patients that existed before services were given it by the migration.
        builder.HasData(new Service { Code = Service.General, DisplayName = "General" });
    }
}

internal sealed class UserServiceConfiguration : IEntityTypeConfiguration<UserService>
{
    public void Configure(EntityTypeBuilder<UserService> builder)
    {
        builder.ToTable("UserServices");
        builder.HasKey(x => new { x.UserId, x.ServiceCode });
        builder.Property(x => x.ServiceCode).HasMaxLength(ColumnLengths.Code);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Service>().WithMany().HasForeignKey(x => x.ServiceCode).OnDelete(DeleteBehavior.Restrict);
    }
}
