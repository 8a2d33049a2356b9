using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CarePathway.Benchmarks.Fhir;

/// <summary>What a run of one kind of panel took: bundles per second (sequential, one client) and each bundle's latency.</summary>
internal sealed record FhirPanelFigures(string Database, string Case, IReadOnlyList<double> LatenciesMs, double ElapsedSeconds)
{
    public double BundlesPerSecond => LatenciesMs.Count / ElapsedSeconds;

    public string Line() =>
        $"  {Database,-10} {Case,-34} {LatenciesMs.Count,6} {BundlesPerSecond,10:F1} {Percentiles.Of(LatenciesMs, 0.5),9:F1} {Percentiles.Of(LatenciesMs, 0.99),9:F1}";
}

/// <summary>
/// A laboratory's 10-result panel as a FHIR transaction bundle through the whole server in process (WebApplicationFactory,
/// Development, scheduler off), from a coordinator's bearer token: parse, R4 profile validation of each Observation, the
/// product's lab entry (catalog, units, plausibility) and storage, then delivery. Two cases: a panel reaching a CRMO
/// course waiting at its pre-infusion gate (the delivery runs the gate, which passes and opens the approval), and a panel
/// nobody waits for (stored, no delivery). Sequential, after a warm-up bundle (the validator's first use compiles the
/// specification's profiles, about 5 s, once per process).
/// </summary>
internal sealed class FhirPanelBenchmark(string database, DatabaseProvider provider, string connectionString, int bundles)
{
    /// <summary>Bundles measured per case: enough for a stable rate, few enough that preparing the courses takes about a minute.</summary>
    public const int Bundles = 40;

    private const string MrnSystem = "urn:carepathway:mrn";

    private static readonly (string Code, decimal Value, string Unit)[] Panel =
    [
        ("2160-0", 0.56m, "mg/dL"), ("14682-9", 50m, "umol/L"), ("29265-6", 2.35m, "mmol/L"), ("17861-6", 9.4m, "mg/dL"), ("1751-7", 4.0m, "g/dL"),
        ("1995-0", 1.2m, "mmol/L"), ("19123-9", 2.0m, "mg/dL"), ("2777-1", 4.5m, "mg/dL"), ("62292-8", 30m, "ng/mL"), ("9318-7", 10m, "mg/g"),
    ];

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    public async Task<IReadOnlyList<FhirPanelFigures>> RunAsync(CancellationToken ct)
    {
        await using var server = new BenchmarkServer(provider, connectionString, scheduling: false);
        var coordinator = server.CreateClient();
        coordinator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchmarkServer.BearerTokenAsync(coordinator, "coordinator", ct));
        var clinician = server.CreateClient();
        clinician.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await BenchmarkServer.BearerTokenAsync(clinician, "clinician", ct));

        var preparing = Stopwatch.StartNew();
        var waiting = new List<string>();
        for (var i = 0; i < bundles; i++) waiting.Add(await CourseAtPreInfusionGateAsync(coordinator, clinician, ct));
        var idle = await PatientAsync(coordinator, ct);
        Console.WriteLine($"{database}: {bundles} CRMO courses brought to their pre-infusion gate in {preparing.Elapsed.TotalSeconds:F1} s");

        await SendAsync(coordinator, idle, ct);
        return [await MeasureAsync("10-result panel, gate waiting on it", coordinator, waiting, ct),
            await MeasureAsync("10-result panel, nobody waiting", coordinator, Enumerable.Repeat(idle, bundles).ToList(), ct)];
    }

    private async Task<FhirPanelFigures> MeasureAsync(string name, HttpClient client, IReadOnlyList<string> mrns, CancellationToken ct)
    {
        var latencies = new List<double>();
        var total = Stopwatch.StartNew();
        foreach (var mrn in mrns)
        {
            var started = Stopwatch.GetTimestamp();
            await SendAsync(client, mrn, ct);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new FhirPanelFigures(database, name, latencies, total.Elapsed.TotalSeconds);
    }

    private static async System.Threading.Tasks.Task SendAsync(HttpClient client, string mrn, CancellationToken ct)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        var drawn = DateTimeOffset.UtcNow.AddSeconds(-30);
        foreach (var (code, value, unit) in Panel)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                Resource = new Observation
                {
                    Identifier = [new Identifier("urn:lab:results", Guid.NewGuid().ToString("N"))],
                    Status = ObservationStatus.Final,
                    Code = new CodeableConcept("http://loinc.org", code),
                    Subject = new ResourceReference($"Patient?identifier={MrnSystem}|{mrn}"),
                    Effective = new FhirDateTime(drawn),
                    Value = new Quantity { Value = value, Unit = unit, System = "http://unitsofmeasure.org", Code = unit },
                },
                Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" },
            });
        }

        using var content = new StringContent(Serializer.SerializeToString(bundle), Encoding.UTF8, "application/fhir+json");
        using var response = await client.PostAsync("/fhir", content, ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the panel was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    private static async Task<string> PatientAsync(HttpClient coordinator, CancellationToken ct)
    {
        var mrn = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var response = await coordinator.PostAsJsonAsync("/api/patients", new
        {
            mrn, givenName = "Ada", familyName = "Bench", birthDate = "2014-01-05", sex = "female", diagnosis = "CRMO", service = "paediatric-rheumatology", weightKg = 36, heightCm = 146,
            facts = new JsonObject { ["vertebralLesion"] = true },
        }, ct);
        response.EnsureSuccessStatusCode();
        return mrn;
    }

    /// <summary>A CRMO course with its baseline in and its escalation approved: its pre-infusion gate waits for creatinine and calcium.</summary>
    private static async Task<string> CourseAtPreInfusionGateAsync(HttpClient coordinator, HttpClient clinician, CancellationToken ct)
    {
        var mrn = await PatientAsync(coordinator, ct);
        var patientId = (await (await coordinator.GetAsync($"/api/patients?search={mrn}", ct)).Content.ReadFromJsonAsync<JsonObject>(ct))!["items"]![0]!["id"]!.GetValue<string>();
        var drawn = DateTimeOffset.UtcNow.AddHours(-1);
        foreach (var (code, value, unit) in new[] { ("2160-0", 0.55m, "mg/dL"), ("17861-6", 9.4m, "mg/dL"), ("29265-6", 2.35m, "mmol/L"), ("62292-8", 30m, "ng/mL") })
            (await coordinator.PostAsJsonAsync($"/api/patients/{patientId}/labs", new { code, value, unit, observedAt = drawn }, ct)).EnsureSuccessStatusCode();
        var started = await coordinator.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "crmo-pamidronate", patientId,
            parameters = new JsonObject { ["cycleDayGap"] = "6min", ["sameDayWindow"] = "5min" },
        }, ct);
        started.EnsureSuccessStatusCode();
        var instanceId = (await started.Content.ReadFromJsonAsync<JsonObject>(ct))!["id"]!.GetValue<string>();
        var tasks = (await (await coordinator.GetAsync($"/api/tasks?instanceId={instanceId}", ct)).Content.ReadFromJsonAsync<JsonObject>(ct))!["items"]!.AsArray();
        var escalation = tasks.Single(t => t!["activityId"]!.GetValue<string>() == "escalation-approval")!["id"]!.GetValue<string>();
        (await clinician.PostAsJsonAsync($"/api/tasks/{escalation}/complete", new { outcome = "approved" }, ct)).EnsureSuccessStatusCode();
        // The dental review holds the course until the clinician clears it (hazard 7).
        tasks = (await (await coordinator.GetAsync($"/api/tasks?instanceId={instanceId}", ct)).Content.ReadFromJsonAsync<JsonObject>(ct))!["items"]!.AsArray();
        var dental = tasks.Single(t => t!["activityId"]!.GetValue<string>() == "dental")!["id"]!.GetValue<string>();
        (await clinician.PostAsJsonAsync($"/api/tasks/{dental}/complete", new { outcome = "cleared" }, ct)).EnsureSuccessStatusCode();
        return mrn;
    }
}
