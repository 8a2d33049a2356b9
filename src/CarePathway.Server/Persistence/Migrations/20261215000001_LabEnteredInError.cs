using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>A lab result can be marked entered in error (<see cref="LabResult.EnteredInErrorAt"/>, by, reason): kept, but counted nowhere.</summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261215000001_LabEnteredInError")]
public sealed class LabEnteredInError : Migration
{
    private const int UserName = 256;
    private const int Reason = 1000;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite()) migrationBuilder.AddColumn<long>("EnteredInErrorAt", "LabResults", nullable: true);
        else migrationBuilder.AddColumn<DateTimeOffset>("EnteredInErrorAt", "LabResults", nullable: true);
        migrationBuilder.AddColumn<string>("EnteredInErrorBy", "LabResults", maxLength: UserName, nullable: true);
        migrationBuilder.AddColumn<string>("EnteredInErrorReason", "LabResults", maxLength: Reason, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("EnteredInErrorReason", "LabResults");
        migrationBuilder.DropColumn("EnteredInErrorBy", "LabResults");
        migrationBuilder.DropColumn("EnteredInErrorAt", "LabResults");
    }
}
