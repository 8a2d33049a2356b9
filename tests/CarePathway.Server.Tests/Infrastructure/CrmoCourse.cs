using System.Net;
using System.Text.Json.Nodes;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// The shipped CRMO pamidronate pathway (its latest version in <c>workflows/</c>) driven over HTTP: a
/// patient with weight and height, the baseline work-up, labs recorded, and the open task of an activity
/// awaited (timers fire on their own, so tasks appear "soon").
/// </summary>
public sealed class CrmoCourse(CarePathwayApi api)
{
    public const string DefinitionId = "crmo-pamidronate";

    /// <summary>A child with CRMO and vertebral involvement, 36 kg and 146 cm (clinical-reference worked example 1).</summary>
    public async Task<Guid> CreatePatientAsync() =>
        (await (await (await api.Coordinator).PostJsonAsync("/api/patients", CarePathwayApi.NewPatient(vertebralLesion: true, weightKg: 36, heightCm: 146)))
            .ExpectAsync(HttpStatusCode.Created)).Id();

    /// <summary>
    /// The baseline work-up, drawn an hour ago: good for the baseline gate (30 days), too old for a dose day.
    /// Vitamin D is reported in ng/mL; the gate's rule reads it in nmol/L (30 ng/mL = 74.88 nmol/L).
    /// </summary>
    public async Task RecordBaselineAsync(Guid patientId)
    {
        var drawn = DateTimeOffset.UtcNow.AddHours(-1);
        await RecordLabAsync(patientId, "2160-0", 0.55m, "mg/dL", drawn);
        await RecordLabAsync(patientId, "17861-6", 9.4m, "mg/dL", drawn);
        await RecordLabAsync(patientId, "29265-6", 2.35m, "mmol/L", drawn);
        await RecordLabAsync(patientId, "62292-8", 30m, "ng/mL", drawn);
    }

    /// <summary>A cycle's days this far apart: a test that goes on to day 2 waits for it.</summary>
    public const string ShortDayGap = "25s";

    /// <summary>
    /// Labs this fresh for each dose, shorter than <see cref="ShortDayGap"/> so day 2 needs its own creatinine. The approval
    /// and each dose must be recorded within it of their labs, or the gate runs again (hazard 3): it leaves room for a
    /// loaded machine, where deliveries and requests take seconds.
    /// </summary>
    public const string ShortSameDayWindow = "20s";

    /// <summary>The pathway's own minimum infusion time (its default): an infusion of it cannot be recorded moments after its gate.</summary>
    public const string PathwayInfusionTime = "4h";

    /// <summary>
    /// Infusions that take no time, for tests that record doses: an infusion is recorded once it has run (hazard 11) and
    /// never started before its gate passed, and these tests run on the real clock, moments after that gate.
    /// </summary>
    public const string InstantInfusion = "0min";

    /// <summary>
    /// Starts the pathway with a cycle's days <paramref name="dayGap"/> apart, each dose needing a creatinine fresher than
    /// <paramref name="sameDayWindow"/> and infused for at least <paramref name="infusionTime"/>; by default day 2 is minutes
    /// away, so nothing lapses while a test works on day 1.
    /// </summary>
    public async Task<Guid> StartAsync(Guid patientId, string dayGap = "6min", string sameDayWindow = "5min", string infusionTime = PathwayInfusionTime) =>
        (await api.StartAsync(patientId, new JsonObject { ["cycleDayGap"] = dayGap, ["sameDayWindow"] = sameDayWindow, ["minInfusionTime"] = infusionTime }, DefinitionId)).Id();

    /// <summary>
    /// A patient taken to day 1's administration task: baseline recorded, escalation and the cycle approved by
    /// the clinician, day 1's creatinine in. Returns the patient, the instance and the open administration task.
    /// </summary>
    public async Task<(Guid PatientId, Guid InstanceId, JsonNode Administration)> StartAtFirstDoseAsync(
        string dayGap = "6min", string sameDayWindow = "5min", string infusionTime = PathwayInfusionTime)
    {
        var clinician = await api.Clinician;
        var patientId = await CreatePatientAsync();
        await RecordBaselineAsync(patientId);
        var instanceId = await StartAsync(patientId, dayGap, sameDayWindow, infusionTime);
        await ApproveEscalationAsync(instanceId);
        await OpenTaskAsync(instanceId, "pre-infusion");
        await RecordPreInfusionLabsAsync(patientId, 0.56m);
        await (await CompleteAsync(clinician, await OpenTaskAsync(instanceId, "approve"), "approved")).ExpectAsync(HttpStatusCode.OK);
        return (patientId, instanceId, await OpenTaskAsync(instanceId, "give"));
    }

    /// <summary>The clinician approves the escalation to pamidronate and clears the dental review, which holds the course until then (hazard 7).</summary>
    public async Task ApproveEscalationAsync(Guid instanceId)
    {
        var clinician = await api.Clinician;
        await (await CompleteAsync(clinician, await OpenTaskAsync(instanceId, "escalation-approval"), "approved")).ExpectAsync(HttpStatusCode.OK);
        await (await CompleteAsync(clinician, await OpenTaskAsync(instanceId, "dental"), "cleared")).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The labs of a cycle's first gate: creatinine (mg/dL) and a corrected calcium of 2.35 mmol/L.</summary>
    public async Task RecordPreInfusionLabsAsync(Guid patientId, decimal creatinineMgPerDl)
    {
        await RecordLabAsync(patientId, "29265-6", 2.35m, "mmol/L");
        await RecordLabAsync(patientId, "2160-0", creatinineMgPerDl, "mg/dL");
    }

    public async Task<JsonNode> RecordLabAsync(Guid patientId, string code, decimal value, string unit, DateTimeOffset? observedAt = null) =>
        await (await (await api.Coordinator).PostJsonAsync($"/api/patients/{patientId}/labs", new { code, value, unit, observedAt }))
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>Waits until the instance has exactly one open task of the activity <paramref name="activityId"/> and returns its detail.</summary>
    public async Task<JsonNode> OpenTaskAsync(Guid instanceId, string activityId, HttpClient? reader = null)
    {
        var open = await Eventually.UntilAsync(
            async () => (await api.OpenTasksAsync(instanceId)).Where(t => t.Str("activityId") == activityId).ToList(),
            tasks => tasks.Count == 1, $"one open task of {activityId} in instance {instanceId}");
        return await (reader ?? await api.Coordinator).GetJsonAsync($"/api/tasks/{open[0].Id()}");
    }

    public static async Task<HttpResponseMessage> CompleteAsync(HttpClient client, JsonNode task, string outcome, object? data = null, string? reason = null) =>
        await client.PostJsonAsync($"/api/tasks/{task["task"].Id()}/complete", new { outcome, reason, data });

    /// <summary>A start time in the recent past, to the second (stored to the microsecond on PostgreSQL, so compared exactly).</summary>
    public static DateTimeOffset MinutesAgo(int minutes)
    {
        var now = TimeProvider.System.GetUtcNow().AddMinutes(-minutes);
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>Form values for the administration task: the dose given, how long it ran, and when it started (omitted: now, so it must take no time).</summary>
    public static object Given(decimal doseMg, int infusionMinutes = 240, DateTimeOffset? startedAt = null) =>
        new { doseMg, infusionMinutes, startedAt = startedAt?.ToString("O") };
}
