using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePathway.Server.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class WorklistDueOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_PatientId_Status_DueAt",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Assignee_DueAt",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Kind_DueAt",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_LabHold_DueAt",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Role_DueAt",
                table: "HumanTasks");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueOrder",
                table: "HumanTasks",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            // Backfill: every task's due order is its due date, or HumanTask.UndatedDueOrder (9999-01-01 UTC) when it has none.
            migrationBuilder.Sql("""
                UPDATE "HumanTasks" SET "DueOrder" = COALESCE("DueAt", TIMESTAMPTZ '9999-01-01 00:00:00+00');
                """);

            // The default only filled the rows that existed; the model has none (every write sets DueOrder with DueAt).
            migrationBuilder.AlterColumn<DateTimeOffset>(
                name: "DueOrder",
                table: "HumanTasks",
                type: "timestamp with time zone",
                nullable: false,
                oldClrType: typeof(DateTimeOffset),
                oldType: "timestamp with time zone",
                oldDefaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_PatientId_Status_DueOrder",
                table: "HumanTasks",
                columns: new[] { "PatientId", "Status", "DueOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Assignee_DueOrder_Id",
                table: "HumanTasks",
                columns: new[] { "Status", "Assignee", "DueOrder", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_DueOrder_Id_PatientId",
                table: "HumanTasks",
                columns: new[] { "Status", "DueOrder", "Id", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Kind_DueOrder_Id",
                table: "HumanTasks",
                columns: new[] { "Status", "Kind", "DueOrder", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Kind_Role_LabHold_DueOrder_PatientId",
                table: "HumanTasks",
                columns: new[] { "Status", "Kind", "Role", "LabHold", "DueOrder", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_LabHold_DueOrder_Id_PatientId",
                table: "HumanTasks",
                columns: new[] { "Status", "LabHold", "DueOrder", "Id", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Role_DueOrder_Id_PatientId",
                table: "HumanTasks",
                columns: new[] { "Status", "Role", "DueOrder", "Id", "PatientId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_PatientId_Status_DueOrder",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Assignee_DueOrder_Id",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_DueOrder_Id_PatientId",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Kind_DueOrder_Id",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Kind_Role_LabHold_DueOrder_PatientId",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_LabHold_DueOrder_Id_PatientId",
                table: "HumanTasks");

            migrationBuilder.DropIndex(
                name: "IX_HumanTasks_Status_Role_DueOrder_Id_PatientId",
                table: "HumanTasks");

            migrationBuilder.DropColumn(
                name: "DueOrder",
                table: "HumanTasks");

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_PatientId_Status_DueAt",
                table: "HumanTasks",
                columns: new[] { "PatientId", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Assignee_DueAt",
                table: "HumanTasks",
                columns: new[] { "Status", "Assignee", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Kind_DueAt",
                table: "HumanTasks",
                columns: new[] { "Status", "Kind", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_LabHold_DueAt",
                table: "HumanTasks",
                columns: new[] { "Status", "LabHold", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_HumanTasks_Status_Role_DueAt",
                table: "HumanTasks",
                columns: new[] { "Status", "Role", "DueAt" });
        }
    }
}
