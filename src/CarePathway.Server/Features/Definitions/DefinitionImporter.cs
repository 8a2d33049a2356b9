using CarePathway.Engine.Definitions;
using CarePathway.Engine.Validation;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// Imports the shipped <c>workflows/*.json</c> at start-up as published versions, idempotently:
/// the same file twice changes nothing; a file whose content differs from the stored version of
/// the same number stops the start-up, because a published version must never change.
/// </summary>
internal sealed class DefinitionImporter(CarePathwayDbContext db, DefinitionValidator validator, TimeProvider clock, ILogger<DefinitionImporter> logger)
{
    public const string ImportUser = "system:import";

    public async Task<int> ImportAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("No workflows folder at {Folder}: nothing imported.", folder);
            return 0;
        }

        var files = DefinitionFiles.Load(folder, validator);
        var invalid = files.Where(f => f.Problems.Count > 0).ToList();
        if (invalid.Count > 0)
        {
            throw new DefinitionImportException(string.Join(Environment.NewLine,
                invalid.SelectMany(f => f.Problems.Select(p => $"{f.Path}: {p.Subject}: {p.Field}: {p.Message}"))));
        }

        var imported = 0;
        foreach (var definition in files.Select(f => f.Definition!).OrderBy(d => d.DefinitionId, StringComparer.Ordinal).ThenBy(d => d.Version))
        {
            var hash = DefinitionLifecycle.ContentHash(definition);
            var existing = await db.DefinitionVersions.SingleOrDefaultAsync(d => d.DefinitionId == definition.DefinitionId && d.Version == definition.Version, ct);
            if (existing is not null)
            {
                if (existing.ContentHash != hash)
                {
                    throw new DefinitionImportException(
                        $"{definition.DefinitionId} version {definition.Version} differs from the stored one; a published version cannot change: give the file the next version number");
                }

                continue;
            }

            var now = clock.GetUtcNow();
            var row = new DefinitionVersion
            {
                Id = Guid.CreateVersion7(now),
                DefinitionId = definition.DefinitionId,
                Version = definition.Version,
                Name = definition.Name,
                Status = DefinitionStatus.Draft,
                Json = DefinitionJson.Write(definition),
                ContentHash = hash,
                CreatedAt = now,
                CreatedBy = ImportUser,
                // The shipped files are reviewed where they are written (the repository), so they go live directly.
                ChangeNote = "imported from the shipped workflows folder",
                SubmittedBy = ImportUser,
                SubmittedAt = now,
            };
            db.DefinitionVersions.Add(row);
            // An older file added after a newer version was published arrives already superseded.
            var superseded = await db.DefinitionVersions.AnyAsync(d => d.DefinitionId == definition.DefinitionId
                && d.Version > definition.Version && d.Status != DefinitionStatus.Draft, ct);
            await DefinitionLifecycle.PublishAsync(db, row, ImportUser, now, ct);
            if (superseded) DefinitionLifecycle.Retire(row, ImportUser, now, "a later version was already published");
            await db.SaveChangesAsync(ct);
            imported++;
            logger.LogInformation("Imported {DefinitionId} version {Version}.", definition.DefinitionId, definition.Version);
        }

        return imported;
    }
}

public sealed class DefinitionImportException(string message) : Exception("workflow definitions could not be imported:" + Environment.NewLine + message);
