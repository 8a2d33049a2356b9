using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>The shipped sample pathway driven end to end over HTTP, with a real Quartz timer.</summary>
public abstract class SamplePathwayTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task A_vertebral_patient_goes_to_the_clinicians_approval_then_reminders_then_the_timer_completes_the_pathway()
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: true);
        var instance = await api.StartAsync(patientId, new JsonObject { ["followUpAfter"] = "2s" });
        var instanceId = instance.Id();
        Assert.Equal("running", instance.Str("status"));

        // The approval is in the clinicians' worklist, and not in the coordinators'.
        var clinician = await api.Clinician;
        var clinicianWorklist = (await clinician.GetJsonAsync($"/api/tasks?role=clinician&instanceId={instanceId}")).Items();
        var approval = Assert.Single(clinicianWorklist);
        Assert.Equal("escalation-approval", approval.Str("kind"));
        Assert.Equal("clinician", approval.Str("role"));
        Assert.Empty((await (await api.Coordinator).GetJsonAsync($"/api/tasks?role=coordinator&instanceId={instanceId}")).Items());
        var detail = await clinician.GetJsonAsync($"/api/tasks/{approval.Id()}");
        Assert.Contains("Vertebral involvement", detail["evidence"]!.ToJsonString(), StringComparison.Ordinal);

        var approved = await (await CarePathwayApi.CompleteAsync(clinician, approval.Id(), "approved")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("completed", approved["task"]!.Str("status"));
        Assert.Equal("clinician", approved.Str("completedBy"));

        // The fork's two reminders go to the coordinators; the follow-up timer is pending.
        var reminders = await api.OpenTasksAsync(instanceId, role: "coordinator");
        Assert.Equal(["gp-letter", "infusion-booking"], reminders.Select(r => r.Str("kind")).Order(StringComparer.Ordinal));
        Assert.All(reminders, r => Assert.False(r["blocking"]!.GetValue<bool>()));

        await api.WaitForStatusAsync(instanceId, "completed");

        var journal = await api.JournalAsync(instanceId);
        var started = Assert.Single(journal.OfType("pathway.started"));
        var decided = Assert.Single(journal.OfType("task.completed", "escalation-approval"));
        var fired = Assert.Single(journal.OfType("timer.fired", "follow-up"));
        var completed = Assert.Single(journal.OfType("pathway.completed"));
        Assert.Equal(("user", "coordinator"), (started.Cause(), started.Actor()));
        Assert.Equal(("user", "clinician", "approved"), (decided.Cause(), decided.Actor(), decided["outcome"]?.GetValue<string>()));
        Assert.Equal("timer", fired.Cause());
        Assert.Equal("timer", completed.Cause());
        var order = new[] { started, decided, fired, completed }.Select(e => e["sequence"]!.GetValue<int>()).ToList();
        Assert.True(order.SequenceEqual(order.Order()), "journal out of order:" + Environment.NewLine + journal.Describe());
        var sequences = journal.Select(e => e["sequence"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count), sequences);
    }

    [Fact]
    public async Task A_non_vertebral_patient_waits_for_the_trial_timer_then_the_recorded_assessment_brings_the_clinicians_review()
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var instanceId = (await api.StartAsync(patientId, new JsonObject { ["nsaidTrialLength"] = "1s" })).Id();

        var start = Assert.Single(await api.OpenTasksAsync(instanceId, role: "coordinator"));
        Assert.Equal("nsaid-start", start.Str("kind"));

        // The trial timer fires, and the pathway then waits for the response assessment.
        var journal = await api.WaitForJournalAsync(instanceId, "event.awaited", "await-response");
        Assert.Equal("timer", Assert.Single(journal.OfType("timer.fired", "nsaid-trial")).Cause());
        Assert.Empty(await api.OpenTasksAsync(instanceId, role: "clinician"));

        var recorded = await (await (await api.Clinician).PostJsonAsync($"/api/patients/{patientId}/assessments",
            new { name = "nsaidResponse", value = "inadequate" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, recorded["instancesResumed"]!.GetValue<int>());

        var review = Assert.Single(await api.OpenTasksAsync(instanceId, role: "clinician"));
        Assert.Equal("nsaid-review", review.Str("kind"));
        var received = Assert.Single((await api.JournalAsync(instanceId)).OfType("event.received", "await-response"));
        Assert.Equal("event", received.Cause());
        Assert.Equal("inadequate", (await api.InstanceAsync(instanceId))["variables"]!["nsaidResponse"]!.ToJsonString().Trim('"'));
    }
}

public sealed class SqliteSamplePathwayTests(SqliteAppFactory factory) : SamplePathwayTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresSamplePathwayTests(PostgresAppFactory factory) : SamplePathwayTests(factory), IClassFixture<PostgresAppFactory>;
