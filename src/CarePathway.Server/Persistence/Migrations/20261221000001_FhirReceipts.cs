using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>
/// FHIR intake: the resources accepted by identifier and version (<see cref="FhirReceipt"/>), and a lab result's status
/// as its laboratory reported it (<see cref="LabResult.Status"/>: a preliminary one is stored but read by no rule).
/// </summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261221000001_FhirReceipts")]
public sealed class FhirReceipts : Migration
{
    private const int Code = 32, Key = 100, Identifier = 1000, UserName = 256;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var sqlite = migrationBuilder.IsSqlite();
        migrationBuilder.AddColumn<string>("Status", "LabResults", maxLength: Code, nullable: true);
        migrationBuilder.CreateTable(
            name: "FhirReceipts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ResourceType = table.Column<string>(maxLength: Code, nullable: false),
                Identifier = table.Column<string>(maxLength: Identifier, nullable: false),
                Version = table.Column<string>(maxLength: Key, nullable: false),
                Status = table.Column<string>(maxLength: Code, nullable: false),
                RecordId = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                // A DateTimeOffset as the model stores it on the active provider (see DateTimeOffsetConversions).
                ReceivedAt = sqlite ? table.Column<long>(nullable: false) : table.Column<DateTimeOffset>(nullable: false),
                ReceivedBy = table.Column<string>(maxLength: UserName, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FhirReceipts", x => x.Id);
                table.ForeignKey("FK_FhirReceipts_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_FhirReceipts_ResourceType_Identifier_Version", "FhirReceipts", ["ResourceType", "Identifier", "Version"], unique: true);
        migrationBuilder.CreateIndex("IX_FhirReceipts_RecordId", "FhirReceipts", "RecordId");
        migrationBuilder.CreateIndex("IX_FhirReceipts_PatientId", "FhirReceipts", "PatientId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("FhirReceipts");
        migrationBuilder.DropColumn("Status", "LabResults");
    }
}
