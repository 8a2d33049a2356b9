using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>The delivery outbox (<see cref="PendingDelivery"/>): an observation is stored, then delivered.</summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261201000001_PendingDeliveries")]
public sealed class PendingDeliveries : Migration
{
    private const int Key = 100, Name = 200, UserName = 256, LastError = 2000;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var sqlite = migrationBuilder.IsSqlite();
        migrationBuilder.CreateTable(
            name: "PendingDeliveries",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                PatientId = table.Column<Guid>(nullable: false),
                EventType = table.Column<string>(maxLength: Key, nullable: false),
                EventKey = table.Column<string>(maxLength: Name, nullable: false),
                PayloadJson = table.Column<string>(nullable: false),
                RecordedBy = table.Column<string>(maxLength: UserName, nullable: false),
                InstanceIdsJson = table.Column<string>(nullable: false),
                // A DateTimeOffset as the model stores it on the active provider (see DateTimeOffsetConversions).
                CreatedAt = sqlite ? table.Column<long>(nullable: false) : table.Column<DateTimeOffset>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(maxLength: LastError, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PendingDeliveries", x => x.Id);
                table.ForeignKey("FK_PendingDeliveries_Patients_PatientId", x => x.PatientId, "Patients", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_PendingDeliveries_CreatedAt", "PendingDeliveries", "CreatedAt");
        migrationBuilder.CreateIndex("IX_PendingDeliveries_PatientId", "PendingDeliveries", "PatientId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("PendingDeliveries");
}
