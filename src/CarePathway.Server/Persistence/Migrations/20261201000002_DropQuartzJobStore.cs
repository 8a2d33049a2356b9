using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence.Migrations;

/// <summary>
/// Quartz.NET gave way to Hangfire: its QRTZ_ tables go. Timers in flight are not lost: the TimerRequests outbox
/// is the truth, and its pending and scheduled rows are dispatched to Hangfire (on SQLite at every start-up; on
/// PostgreSQL, the scheduled rows of an upgraded database are set back to pending here, so the next start dispatches them).
/// Hangfire's own tables are not migrations': Hangfire.PostgreSql creates its schema itself.
/// </summary>
[DbContext(typeof(CarePathwayDbContext))]
[Migration("20261201000002_DropQuartzJobStore")]
public sealed class DropQuartzJobStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        QuartzJobStore.DropTables(migrationBuilder);
        migrationBuilder.Sql("UPDATE \"TimerRequests\" SET \"State\" = 'pending' WHERE \"State\" = 'scheduled';");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => QuartzJobStore.CreateTables(migrationBuilder);
}
