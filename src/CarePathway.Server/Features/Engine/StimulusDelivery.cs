using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Engine;

/// <summary>
/// Delivers a stimulus to one instance: load it with its definition and patient, run the engine,
/// apply the effects. The caller's transaction makes it one commit.
/// </summary>
internal sealed class StimulusDelivery(CarePathwayDbContext db, InstanceStore instances, CompiledDefinitions definitions, PatientContexts patients, WorkflowRunner runner)
{
    public async Task<RunResult> DeliverAsync(Guid instanceId, Stimulus stimulus, CancellationToken ct)
    {
        var (row, state) = await instances.LoadAsync(instanceId, ct);
        var definition = await definitions.GetAsync(db, row.DefinitionId, row.Version, ct);
        var patient = await patients.LoadAsync(row.PatientId, ct);
        var result = runner.Resume(definition, state, patient, stimulus);
        await instances.ApplyAsync(row, result, ct);
        return result;
    }

    /// <summary>
    /// An event reaches every active instance of the patient with a bookmark waiting for it; a lab result
    /// also reaches waits for the same measurement under another code (creatinine as 14682-9 answers 2160-0).
    /// </summary>
    public async Task<int> DeliverEventAsync(Guid patientId, EventReceived stimulus, CancellationToken ct)
    {
        var keys = KeysAnswered(stimulus);
        var waiting = await db.Bookmarks
            .Where(b => b.Kind == BookmarkKind.Event && b.EventType == stimulus.EventType && keys.Contains(b.EventKey!))
            .Join(db.WorkflowInstances.Where(i => i.PatientId == patientId), b => b.InstanceId, i => i.Id, (b, i) => i.Id)
            .Distinct()
            .ToListAsync(ct);
        var resumed = 0;
        foreach (var instanceId in waiting)
        {
            if ((await DeliverAsync(instanceId, stimulus, ct)).Applied) resumed++;
        }

        return resumed;
    }

    private static List<string> KeysAnswered(EventReceived stimulus) => stimulus.EventType == EventTypes.Lab
        ? [stimulus.Key, .. LabCatalog.Tests.Select(t => t.Code).Where(code => code != stimulus.Key && LabCatalog.Answers(stimulus.Key, code))]
        : [stimulus.Key];
}
