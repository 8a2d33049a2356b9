using CarePathway.Engine.Activities;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>
/// Reads and searches the resources generated from the product's state (nothing is stored as FHIR): CarePlan per
/// instance, Task per human task, MedicationAdministration per infusion given, PlanDefinition per published or retired
/// version, Provenance per clinician decision, and the Patient they all point to. The patient filter and the earliest
/// last update go to the database; status and the exact last-update bounds are matched on the built resources.
/// </summary>
internal sealed class FhirReader(CarePathwayDbContext db, IOptions<FhirOptions> options)
{
    private string MrnSystem => options.Value.MrnSystem;

    public async Task<Resource> ReadAsync(string type, string id, CancellationToken ct)
    {
        var found = (await FindAsync(type, new FhirSearch(null, null, null, []), id, ct)) is [var first, ..] ? first : null;
        return found?.Resource ?? throw new FhirRefusedException(StatusCodes.Status404NotFound, [new FhirIssue(OperationOutcome.IssueType.NotFound, null, $"{type}/{id} was not found")]);
    }

    /// <summary>
    /// A searchset of one page of the matches, sorted by last update then id, with the total of all pages, a
    /// <c>self</c> link and, while more remain, a <c>next</c> link that carries the cursor.
    /// </summary>
    public async Task<Bundle> SearchAsync(string type, HttpRequest request, CancellationToken ct)
    {
        var search = FhirSearch.Read(request.Query, type, MrnSystem);
        var page = FhirPage.Read(request.Query);
        var matches = (await FindAsync(type, search, null, ct)).Where(m => search.Matches(m.Status, m.LastUpdated))
            .OrderBy(m => m.LastUpdated).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        var remaining = matches.Where(m => page.After is not { } after || after.Precedes(m.LastUpdated, m.Id)).ToList();
        var shown = remaining.Take(page.Count).ToList();
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = matches.Count,
            Link = [new Bundle.LinkComponent { Relation = "self", Url = FhirPage.SelfLink(request) }],
            Entry = [.. shown.Select(m => new Bundle.EntryComponent
            {
                FullUrl = $"{request.Scheme}://{request.Host}{FhirEndpoints.Base}/{type}/{m.Id}",
                Resource = m.Resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
        };
        if (shown.Count > 0 && remaining.Count > shown.Count)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = FhirPage.NextLink(request, new FhirPage.Position(shown[^1].LastUpdated, shown[^1].Id)) });
        return bundle;
    }

    private sealed record Found(Resource Resource, string? Status, DateTimeOffset LastUpdated)
    {
        /// <summary>Every builder gives its resource the id it is read by.</summary>
        public string Id => Resource.Id ?? throw new InvalidOperationException($"a {Resource.TypeName} was built without an id");
    }

    private async Task<IReadOnlyList<Found>> FindAsync(string type, FhirSearch search, string? id, CancellationToken ct)
    {
        Guid? onlyId = id is null ? null : Guid.TryParse(id, out var parsed) ? parsed : Guid.Empty;
        return type switch
        {
            nameof(CarePlan) => await CarePlansAsync(search, onlyId, ct),
            FhirCapabilities.TaskType => await TasksAsync(search, onlyId, decisionsOnly: false, ct),
            nameof(MedicationAdministration) => await AdministrationsAsync(search, id, ct),
            nameof(PlanDefinition) => await PlanDefinitionsAsync(search, id, ct),
            nameof(Provenance) => await ProvenancesAsync(search, id, ct),
            nameof(Hl7.Fhir.Model.Patient) => await PatientsAsync(search, onlyId, ct),
            nameof(Observation) => await ObservationsAsync(search, onlyId, ct),
            _ => throw new FhirRefusedException(StatusCodes.Status404NotFound, [new FhirIssue(OperationOutcome.IssueType.NotSupported, null,
                $"this server has no {type} resources; see /fhir/metadata")]),
        };
    }

    /// <summary>The patients a search is about (null: any); an MRN nobody has matches no one.</summary>
    private async Task<Guid?> PatientAsync(FhirSearch search, CancellationToken ct) =>
        search.Mrn is { } mrn ? await db.Patients.Where(p => p.Mrn == mrn).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct) ?? Guid.Empty : search.PatientId;

    private async Task<List<WorkflowInstance>> InstancesAsync(FhirSearch search, Guid? onlyId, CancellationToken ct)
    {
        var patientId = await PatientAsync(search, ct);
        var query = db.WorkflowInstances.AsNoTracking();
        if (onlyId is { } id) query = query.Where(i => i.Id == id);
        if (patientId is { } p) query = query.Where(i => i.PatientId == p);
        if (search.Since is { } since) query = query.Where(i => i.UpdatedAt >= since);
        return await query.OrderBy(i => i.Id).ToListAsync(ct);
    }

    private Task<Dictionary<Guid, Persistence.Patient>> PatientsOfAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return db.Patients.AsNoTracking().Where(p => wanted.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
    }

    private async Task<IReadOnlyList<Found>> CarePlansAsync(FhirSearch search, Guid? onlyId, CancellationToken ct)
    {
        var instances = await InstancesAsync(search, onlyId, ct);
        var ids = instances.Select(i => i.Id).ToList();
        var tasks = (await db.HumanTasks.AsNoTracking().Where(t => t.InstanceId != null && ids.Contains(t.InstanceId.Value)).ToListAsync(ct)).ToLookup(t => t.InstanceId!.Value);
        var names = await db.DefinitionVersions.AsNoTracking().Select(d => new { d.DefinitionId, d.Version, d.Name }).ToListAsync(ct);
        var patients = await PatientsOfAsync(instances.Select(i => i.PatientId), ct);
        return [.. instances.Select(i => new Found(
            CarePlans.From(i, names.FirstOrDefault(n => n.DefinitionId == i.DefinitionId && n.Version == i.Version)?.Name ?? i.DefinitionId, patients[i.PatientId], tasks[i.Id], MrnSystem),
            CarePlans.StatusCode(i.Status), i.UpdatedAt))];
    }

    private async Task<IReadOnlyList<Found>> TasksAsync(FhirSearch search, Guid? onlyId, bool decisionsOnly, CancellationToken ct)
    {
        var patientId = await PatientAsync(search, ct);
        var query = db.HumanTasks.AsNoTracking();
        if (onlyId is { } id) query = query.Where(t => t.Id == id);
        if (patientId is { } p) query = query.Where(t => t.PatientId == p);
        if (decisionsOnly) query = query.Where(t => t.Role == TaskRoles.Clinician && t.Status == HumanTaskStatus.Completed);
        if (search.Since is { } since) query = query.Where(t => t.CreatedAt >= since || t.CompletedAt >= since);
        var tasks = await query.OrderBy(t => t.Id).ToListAsync(ct);
        if (decisionsOnly) return [.. tasks.Select(t => new Found(Provenances.FromDecision(t), null, t.CompletedAt!.Value))];
        var patients = await PatientsOfAsync(tasks.Select(t => t.PatientId), ct);
        return [.. tasks.Select(t => new Found(Tasks.From(t, patients[t.PatientId], MrnSystem), Tasks.StatusCode(t.Status), Tasks.LastUpdated(t)))];
    }

    private async Task<IReadOnlyList<Found>> AdministrationsAsync(FhirSearch search, string? id, CancellationToken ct)
    {
        // An administration's id is its instance's id and its place in the course.
        Guid? instanceId = id is null ? null : id.Length > 37 && Guid.TryParse(id[..36], out var parsed) ? parsed : Guid.Empty;
        var instances = await InstancesAsync(search, instanceId, ct);
        var patients = await PatientsOfAsync(instances.Select(i => i.PatientId), ct);
        return [.. instances.SelectMany(i => MedicationAdministrations.From(i, InstanceState.FromJson(i.StateJson), patients[i.PatientId], MrnSystem)
            .Where(a => id is null || a.Id == id)
            .Select(a => new Found(a, a.Status?.GetLiteral(), i.UpdatedAt)))];
    }

    private async Task<IReadOnlyList<Found>> PlanDefinitionsAsync(FhirSearch search, string? id, CancellationToken ct)
    {
        if (search.PatientId is not null || search.Mrn is not null)
            throw new FhirRefusedException(StatusCodes.Status400BadRequest, [new FhirIssue(OperationOutcome.IssueType.NotSupported, "patient", "a PlanDefinition is nobody's; search it by status or _lastUpdated")]);
        var versions = await db.DefinitionVersions.AsNoTracking().Where(v => v.Status != DefinitionStatus.Draft).OrderBy(v => v.DefinitionId).ThenBy(v => v.Version).ToListAsync(ct);
        return [.. versions.Where(v => id is null || PlanDefinitions.Id(v.DefinitionId, v.Version) == id)
            .Select(v => new Found(PlanDefinitions.From(v), PlanDefinitions.StatusCode(v.Status), PlanDefinitions.LastUpdated(v)))];
    }

    private async Task<IReadOnlyList<Found>> ProvenancesAsync(FhirSearch search, string? id, CancellationToken ct)
    {
        var startOf = id is not null && id.StartsWith(Provenances.StartPrefix, StringComparison.Ordinal) ? id[Provenances.StartPrefix.Length..] : null;
        var found = new List<Found>();
        if (id is null || startOf is null)
            found.AddRange(await TasksAsync(search, id is null ? null : Guid.TryParse(id, out var taskId) ? taskId : Guid.Empty, decisionsOnly: true, ct));
        if (id is null || startOf is not null)
        {
            Guid? instanceId = startOf is null ? null : Guid.TryParse(startOf, out var parsed) ? parsed : Guid.Empty;
            foreach (var instance in await InstancesAsync(search with { LastUpdated = [] }, instanceId, ct))
            {
                if (Provenances.FromStart(instance, InstanceState.FromJson(instance.StateJson)) is { } started)
                    found.Add(new Found(started, null, instance.CreatedAt));
            }
        }

        return found;
    }

    private async Task<IReadOnlyList<Found>> ObservationsAsync(FhirSearch search, Guid? onlyId, CancellationToken ct)
    {
        var patientId = await PatientAsync(search, ct);
        var labs = db.LabResults.AsNoTracking();
        var measurements = db.PatientMeasurements.AsNoTracking();
        if (onlyId is { } id) (labs, measurements) = (labs.Where(l => l.Id == id), measurements.Where(m => m.Id == id));
        if (patientId is { } p) (labs, measurements) = (labs.Where(l => l.PatientId == p), measurements.Where(m => m.PatientId == p));
        if (onlyId is null && patientId is null)
            throw new FhirRefusedException(StatusCodes.Status400BadRequest, [new FhirIssue(OperationOutcome.IssueType.TooCostly, "patient", "search Observations of one patient (patient or patient.identifier)")]);
        var (labRows, measurementRows) = (await labs.OrderBy(l => l.Id).ToListAsync(ct), await measurements.OrderBy(m => m.Id).ToListAsync(ct));
        var recordIds = labRows.Select(l => l.Id).Concat(measurementRows.Select(m => m.Id)).ToList();
        var receipts = (await db.FhirReceipts.AsNoTracking().Where(r => recordIds.Contains(r.RecordId) && r.ResourceType == nameof(Observation)).ToListAsync(ct))
            .GroupBy(r => r.RecordId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id).First());
        var patients = await PatientsOfAsync(labRows.Select(l => l.PatientId).Concat(measurementRows.Select(m => m.PatientId)), ct);
        return [.. labRows.Select(l => Matched(Observations.FromLab(l, patients[l.PatientId], receipts.GetValueOrDefault(l.Id), MrnSystem), Observations.LastUpdated(l))),
            .. measurementRows.Select(m => Matched(Observations.FromMeasurement(m, patients[m.PatientId], receipts.GetValueOrDefault(m.Id), MrnSystem), m.MeasuredAt))];
    }

    private static Found Matched(Observation observation, DateTimeOffset lastUpdated) => new(observation, observation.Status?.GetLiteral(), lastUpdated);

    private async Task<IReadOnlyList<Found>> PatientsAsync(FhirSearch search, Guid? onlyId, CancellationToken ct)
    {
        var patientId = await PatientAsync(search, ct);
        var query = db.Patients.AsNoTracking();
        if (onlyId is { } id) query = query.Where(p => p.Id == id);
        if (patientId is { } p) query = query.Where(x => x.Id == p);
        return [.. (await query.OrderBy(x => x.Id).ToListAsync(ct)).Select(x => new Found(Patients.From(x, MrnSystem), null, x.CreatedAt))];
    }
}
