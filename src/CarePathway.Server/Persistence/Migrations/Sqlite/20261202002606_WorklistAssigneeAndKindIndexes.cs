using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePathway.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorklistAssigneeAndKindIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Assignee_DueAt",
                table: "HumanTasks",
                columns: new[] { "Status", "Assignee", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Kind_DueAt",
                table: "HumanTasks",
                columns: new[] { "Status", "Kind", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Assignee_DueAt",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Kind_DueAt",
                table: "HumanTasks");
        }
    }
}
