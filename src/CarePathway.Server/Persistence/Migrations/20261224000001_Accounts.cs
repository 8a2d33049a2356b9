using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>
/// Accounts (issue 12): a user can be disabled and shows their last sign-in; every sign-in is a
/// <see cref="UserSession"/> row, which its cookie and tokens name, so ending the row ends the sign-in everywhere.
/// </summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261224000001_Accounts")]
public sealed class Accounts : Migration
{
    private const int Code = 32;
    private const int Key = 100;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var sqlite = migrationBuilder.IsSqlite();
        OperationBuilder<AddColumnOperation> Time(ColumnsBuilder table, bool nullable = false) =>
            sqlite ? table.Column<long>(nullable: nullable) : table.Column<DateTimeOffset>(nullable: nullable);

        if (sqlite)
        {
            migrationBuilder.AddColumn<long>("DisabledAt", "AspNetUsers", nullable: true);
            migrationBuilder.AddColumn<long>("LastSignInAt", "AspNetUsers", nullable: true);
        }
        else
        {
            migrationBuilder.AddColumn<DateTimeOffset>("DisabledAt", "AspNetUsers", nullable: true);
            migrationBuilder.AddColumn<DateTimeOffset>("LastSignInAt", "AspNetUsers", nullable: true);
        }

        migrationBuilder.CreateTable(
            name: "UserSessions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<string>(nullable: false),
                Kind = table.Column<string>(maxLength: Code, nullable: false),
                CreatedAt = Time(table),
                LastSeenAt = Time(table),
                ExpiresAt = Time(table),
                EndedAt = Time(table, nullable: true),
                EndReason = table.Column<string>(maxLength: Key, nullable: true),
                RefreshGeneration = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_UserSessions", x => x.Id);
                table.ForeignKey("FK_UserSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_UserSessions_UserId_EndedAt", "UserSessions", ["UserId", "EndedAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("UserSessions");
        migrationBuilder.DropColumn("LastSignInAt", "AspNetUsers");
        migrationBuilder.DropColumn("DisabledAt", "AspNetUsers");
    }
}
