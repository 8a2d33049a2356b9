using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePathway.Server.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GovernedPublishing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ApprovedAt",
                table: "DefinitionVersions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ApprovedBy",
                table: "DefinitionVersions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ChangeNote",
                table: "DefinitionVersions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RetireReason",
                table: "DefinitionVersions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SubmittedAt",
                table: "DefinitionVersions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedBy",
                table: "DefinitionVersions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovedAt",
                table: "DefinitionVersions");

            migrationBuilder.DropColumn(
                name: "ApprovedBy",
                table: "DefinitionVersions");

            migrationBuilder.DropColumn(
                name: "ChangeNote",
                table: "DefinitionVersions");

            migrationBuilder.DropColumn(
                name: "RetireReason",
                table: "DefinitionVersions");

            migrationBuilder.DropColumn(
                name: "SubmittedAt",
                table: "DefinitionVersions");

            migrationBuilder.DropColumn(
                name: "SubmittedBy",
                table: "DefinitionVersions");
        }
    }
}
