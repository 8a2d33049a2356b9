using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>
/// The worklist's "missing labs" and "held" views: a lab gate's order-labs task stores why it asks for labs
/// (<see cref="HumanTask.LabHold"/>), indexed with the status and due date the views filter and sort on; and the
/// indexes the worklist benchmark showed the other views need (newest first; one patient's tasks).
/// </summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261122000003_WorklistLabHold")]
public sealed class WorklistLabHold : Migration
{
    private const int Code = 32;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("LabHold", "HumanTasks", maxLength: Code, nullable: true);
        migrationBuilder.CreateIndex("IX_HumanTasks_Status_LabHold_DueAt", "HumanTasks", ["Status", "LabHold", "DueAt"]);
        migrationBuilder.CreateIndex("IX_HumanTasks_Status_CreatedAt", "HumanTasks", ["Status", "CreatedAt"]);

        // One patient's open tasks; it also serves the patient foreign key that the single-column index served.
        migrationBuilder.DropIndex("IX_HumanTasks_PatientId", "HumanTasks");
        migrationBuilder.CreateIndex("IX_HumanTasks_PatientId_Status_DueAt", "HumanTasks", ["PatientId", "Status", "DueAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_HumanTasks_PatientId_Status_DueAt", "HumanTasks");
        migrationBuilder.CreateIndex("IX_HumanTasks_PatientId", "HumanTasks", "PatientId");
        migrationBuilder.DropIndex("IX_HumanTasks_Status_CreatedAt", "HumanTasks");
        migrationBuilder.DropIndex("IX_HumanTasks_Status_LabHold_DueAt", "HumanTasks");
        migrationBuilder.DropColumn("LabHold", "HumanTasks");
    }
}
