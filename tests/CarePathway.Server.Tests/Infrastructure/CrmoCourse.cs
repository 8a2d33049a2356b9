using System.Net;
using System.Text.Json.Nodes;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>
/// A CRMO pamidronate course driven over HTTP: the pathway published, a patient with weight and height,
/// labs recorded, and the open task of a kind awaited (timers fire on their own, so tasks appear "soon").
/// </summary>
public sealed class CrmoCourse(CarePathwayApi api)
{
    /// <summary>
    /// The test-local stand-in for <c>workflows/crmo-pamidronate.v1.json</c> (same shape), until that ships.
    /// Its durations are parameters, so a test runs a cycle's days in seconds with real timers.
    /// </summary>
    public const string DefinitionId = "crmo-http-test";

    /// <summary>Publishes the pathway as the administrator, once per server.</summary>
    public async Task EnsurePublishedAsync()
    {
        var admin = await api.Administrator;
        if ((await admin.GetAsync($"/api/definitions/{DefinitionId}")).StatusCode == HttpStatusCode.OK) return;
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Pathways", $"{DefinitionId}.v1.json")))!;
        var draft = await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostAsync($"/api/definitions/{DefinitionId}/versions/{draft["version"]}/publish", null)).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>An 11-year-old with CRMO and vertebral involvement, 36 kg and 146 cm (clinical-reference worked example 1).</summary>
    public async Task<Guid> CreatePatientAsync() =>
        (await (await (await api.Coordinator).PostJsonAsync("/api/patients", new
        {
            mrn = "MRN-" + Guid.NewGuid().ToString("N")[..10],
            givenName = "Cara",
            familyName = "Test",
            birthDate = "2015-01-05",
            sex = "female",
            diagnosis = "CRMO",
            weightKg = 36,
            heightCm = 146,
            facts = new JsonObject { ["vertebralLesion"] = true },
        })).ExpectAsync(HttpStatusCode.Created)).Id();

    /// <summary>Starts the pathway with a cycle's days <paramref name="dayInterval"/> apart and each dose needing a creatinine fresher than <paramref name="doseDayFreshness"/>.</summary>
    public async Task<Guid> StartAsync(Guid patientId, string dayInterval = "5s", string doseDayFreshness = "3s") =>
        (await api.StartAsync(patientId, new JsonObject { ["dayInterval"] = dayInterval, ["doseDayFreshness"] = doseDayFreshness }, DefinitionId)).Id();

    /// <summary>
    /// A patient taken to day 1's administration task: baseline recorded, escalation and the cycle approved by
    /// the clinician, day 1's creatinine in. Returns the patient, the instance and the open administration task.
    /// </summary>
    public async Task<(Guid PatientId, Guid InstanceId, JsonNode Administration)> StartAtFirstDoseAsync()
    {
        await EnsurePublishedAsync();
        var clinician = await api.Clinician;
        var patientId = await CreatePatientAsync();
        await RecordLabAsync(patientId, "2160-0", 0.55m, "mg/dL", DateTimeOffset.UtcNow.AddHours(-1));
        var instanceId = await StartAsync(patientId);
        await (await CompleteAsync(clinician, await OpenTaskAsync(instanceId, "escalation-approval"), "approved")).ExpectAsync(HttpStatusCode.OK);
        await OpenTaskAsync(instanceId, "order-labs");
        await RecordLabAsync(patientId, "2160-0", 0.56m, "mg/dL");
        await (await CompleteAsync(clinician, await OpenTaskAsync(instanceId, "infusion-approval"), "approved")).ExpectAsync(HttpStatusCode.OK);
        return (patientId, instanceId, await OpenTaskAsync(instanceId, "administer-infusion"));
    }

    public async Task<JsonNode> RecordLabAsync(Guid patientId, string code, decimal value, string unit, DateTimeOffset? observedAt = null) =>
        await (await (await api.Coordinator).PostJsonAsync($"/api/patients/{patientId}/labs", new { code, value, unit, observedAt }))
            .ExpectAsync(HttpStatusCode.OK);

    /// <summary>Waits until the instance has exactly one open task of <paramref name="kind"/> and returns its detail.</summary>
    public async Task<JsonNode> OpenTaskAsync(Guid instanceId, string kind, HttpClient? reader = null)
    {
        var open = await Eventually.UntilAsync(() => api.OpenTasksAsync(instanceId, kind: kind), tasks => tasks.Count == 1,
            $"one open {kind} task of instance {instanceId}");
        return await (reader ?? await api.Coordinator).GetJsonAsync($"/api/tasks/{open[0].Id()}");
    }

    public static async Task<HttpResponseMessage> CompleteAsync(HttpClient client, JsonNode task, string outcome, object? data = null, string? reason = null) =>
        await client.PostJsonAsync($"/api/tasks/{task["task"].Id()}/complete", new { outcome, reason, data });

    /// <summary>A start time in the recent past, to the second (stored to the microsecond on PostgreSQL, so compared exactly).</summary>
    public static DateTimeOffset MinutesAgo(int minutes)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-minutes);
        return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }

    /// <summary>Records the dose given for the open administration task (the approved dose and time unless told otherwise).</summary>
    public static object Given(decimal doseMg, int infusionMinutes = 240, DateTimeOffset? startedAt = null) =>
        new { doseMg, infusionMinutes, startedAt = startedAt?.ToString("O") };
}
