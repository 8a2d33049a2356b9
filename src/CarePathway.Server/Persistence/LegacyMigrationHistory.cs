using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CarePathway.Server.Persistence;

/// <summary>
/// Databases built before the generated migrations: their history holds the seven hand-written, provider-neutral
/// migrations (20261122000001_Initial .. 20261215000001_LabEnteredInError), whose schema is exactly what each provider's
/// generated <see cref="BaselineMigrationId"/> creates (the upgrade tests compare them). Such a database is recorded as
/// having the baseline, so <c>MigrateAsync</c> runs only what came after it and no DDL twice; its rows and the old history
/// rows stay. A database part-way through the old chain is refused, naming what it lacks: no generated migration can
/// bring it to the baseline.
/// </summary>
public static class LegacyMigrationHistory
{
    public const string BaselineMigrationId = "20261201000000_Baseline";

    public static readonly IReadOnlyList<string> HandWrittenMigrationIds =
    [
        "20261122000001_Initial", "20261122000002_QuartzJobStore", "20261122000003_WorklistLabHold", "20261201000001_PendingDeliveries",
        "20261201000002_DropQuartzJobStore", "20261210000001_DataProtectionKeys", "20261215000001_LabEnteredInError",
    ];

    public static async Task AdoptAsync(CarePathwayDbContext db, CancellationToken cancellationToken = default)
    {
        // The history table exists by now (created, empty, on a fresh database): no need to ask, which logs an error there.
        var history = db.GetService<IHistoryRepository>();
        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(row => row.MigrationId).ToHashSet(StringComparer.Ordinal);
        if (applied.Contains(BaselineMigrationId) || !HandWrittenMigrationIds.Any(applied.Contains))
        {
            return;
        }

        var missing = HandWrittenMigrationIds.Where(id => !applied.Contains(id)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"This database was built by the hand-written migrations but lacks {string.Join(", ", missing)}. " +
                "Start the release before the generated migrations on it once (it applies them), then this one; see deploy/upgrade.md.");
        }

        await db.Database.ExecuteSqlRawAsync(
            history.GetInsertScript(new HistoryRow(BaselineMigrationId, ProductInfo.GetVersion())), cancellationToken);
    }
}
