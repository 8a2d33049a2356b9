using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Moving running instances to a new version over HTTP: the plan checked (422 naming the mapping), a dry run that runs
/// each instance forward, the move journaled with who and why, each instance's tasks and timers continuing on the new version.
/// </summary>
public abstract class InstanceMoveTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    /// <summary>The shipped CRMO pathway under a definition id of its own, published as version 1.</summary>
    private async Task<(string DefinitionId, JsonObject Document)> PublishCrmoCopyAsync()
    {
        var admin = await api.Administrator;
        var document = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryPaths.Of("workflows", "crmo-pamidronate.v3.json")))!.AsObject();
        var definitionId = "crmo-move-" + Guid.NewGuid().ToString("N")[..8];
        document["definitionId"] = definitionId;
        document["version"] = 1;
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await api.PublishAsync(definitionId, 1);
        return (definitionId, document);
    }

    /// <summary>Version 2 drafted from <paramref name="document"/> as <paramref name="change"/> makes it, and published.</summary>
    private async Task PublishVersion2Async(string definitionId, JsonObject document, Action<JsonObject> change)
    {
        var admin = await api.Administrator;
        var v2 = document.DeepClone().AsObject();
        v2["version"] = 2;
        change(v2);
        var draft = await (await admin.PostJsonAsync("/api/definitions", v2)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, draft["version"]!.GetValue<int>());
        await api.PublishAsync(definitionId, 2);
    }

    /// <summary>Version 2 adds a coordinator's phone call between the NSAID trial and its review.</summary>
    private static void AddPhoneCall(JsonObject v2)
    {
        v2["activities"]!.AsArray().Add(new JsonObject
        {
            ["id"] = "nsaid-phone-call",
            ["type"] = "HumanTask",
            ["name"] = "Phone the family about the NSAID trial",
            ["inputs"] = new JsonObject
            {
                ["kind"] = "nsaid-phone-call",
                ["role"] = "coordinator",
                ["title"] = "Phone the family: how has the NSAID trial gone?",
                ["outcomes"] = new JsonArray("done"),
                ["defaultOutcome"] = "done",
                ["respondWithin"] = "param.clinicianRespondWithin",
            },
        });
        var trialDone = v2["connections"]!.AsArray().Single(c => c!.Str("from") == "nsaid-trial")!;
        trialDone["to"] = "nsaid-phone-call";
        v2["connections"]!.AsArray().Add(new JsonObject { ["from"] = "nsaid-phone-call", ["outcome"] = "done", ["to"] = "nsaid-review" });
    }

    private static string Move(string definitionId, bool dryRun = false) => $"/api/definitions/{definitionId}/moves" + (dryRun ? "/dry-run" : "");

    private async Task<T> WithDbAsync<T>(Func<CarePathwayDbContext, Task<T>> read)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>());
    }

    [Fact]
    public async Task A_hundred_running_crmo_instances_move_from_v1_to_a_v2_that_adds_a_step_and_continue_on_v2()
    {
        var admin = await api.Administrator;
        var (definitionId, document) = await PublishCrmoCopyAsync();
        // A hundred children on the NSAID trial (no vertebral lesion): each waits on the trial's timer.
        var instances = new List<Guid>();
        for (var i = 0; i < 100; i++)
        {
            instances.Add((await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: false), definitionId: definitionId)).Id());
        }

        var oldTimers = await WithDbAsync(db => db.TimerRequests.AsNoTracking().Where(t => instances.Contains(t.InstanceId)).ToDictionaryAsync(t => t.InstanceId));
        Assert.Equal(100, oldTimers.Count);
        await PublishVersion2Async(definitionId, document, AddPhoneCall);

        // The dry run changes nothing and shows each instance run forward: on v2 the phone call comes before the review.
        var plan = new { fromVersion = 1, toVersion = 2, reason = "Families asked to be called before the NSAID review" };
        var dryRun = await (await admin.PostJsonAsync(Move(definitionId, dryRun: true), plan)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((100, 100, 0, false), (dryRun["selected"]!.GetValue<int>(), dryRun["moving"]!.GetValue<int>(), dryRun["staying"]!.GetValue<int>(), dryRun["applied"]!.GetValue<bool>()));
        var forward = dryRun["instances"]![0]!["forward"]!;
        Assert.True(forward["differs"]!.GetValue<bool>());
        Assert.DoesNotContain(forward["onCurrentVersion"]!["steps"]!.AsArray(), s => s!.GetValue<string>().EndsWith("task.created nsaid-phone-call", StringComparison.Ordinal));
        Assert.Contains(forward["onNewVersion"]!["steps"]!.AsArray(), s => s!.GetValue<string>().EndsWith(": task.created nsaid-phone-call", StringComparison.Ordinal));
        Assert.Equal(1, (await api.InstanceAsync(instances[0]))["instance"]!["version"]!.GetValue<int>());

        // Moving needs a reason.
        await (await admin.PostJsonAsync(Move(definitionId), new { fromVersion = 1, toVersion = 2 })).ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "reason");

        var moved = await (await admin.PostJsonAsync(Move(definitionId), plan)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((100, 100, 0, true), (moved["selected"]!.GetValue<int>(), moved["moving"]!.GetValue<int>(), moved["staying"]!.GetValue<int>(), moved["applied"]!.GetValue<bool>()));

        // Each is on v2, journaled with who and why; its timer is a new outbox row with the same due time, the old one cancelled.
        var newTimers = await WithDbAsync(db => db.TimerRequests.AsNoTracking().Where(t => instances.Contains(t.InstanceId) && t.State != TimerState.Cancelled)
            .ToDictionaryAsync(t => t.InstanceId));
        // The old rows are cancelled (and removed once the dispatcher has deleted their Hangfire jobs).
        var oldIds = oldTimers.Values.Select(t => t.Id).ToList();
        Assert.Empty(await WithDbAsync(db => db.TimerRequests.AsNoTracking().Where(t => oldIds.Contains(t.Id) && t.State != TimerState.Cancelled).ToListAsync()));
        foreach (var instanceId in instances)
        {
            var detail = await api.InstanceAsync(instanceId);
            Assert.Equal(2, detail["instance"]!["version"]!.GetValue<int>());
            var wait = Assert.Single(detail["waiting"]!.AsArray())!;
            Assert.Equal(("nsaid-trial", "timer", newTimers[instanceId].Id), (wait.Str("activityId"), wait.Str("kind"), wait.Str("bookmarkId")));
            Assert.Equal(oldTimers[instanceId].DueAt, newTimers[instanceId].DueAt);
            var migrated = Assert.Single((await api.JournalAsync(instanceId)).OfType("pathway.migrated"));
            Assert.Equal((DemoUsers.Administrator, "user"), (migrated.Actor(), migrated.Cause()));
            Assert.Equal((1, 2, plan.reason), (migrated["data"]!["fromVersion"]!.GetValue<int>(), migrated["data"]!["toVersion"]!.GetValue<int>(), migrated["data"]!.Str("reason")));
        }

        // The old version's timer, fired by a job scheduled before the move, resumes nothing; the new one runs v2's added step.
        var timers = factory.Services.GetRequiredService<ITimerFiredHandler>();
        await timers.HandleAsync(instances[0], oldTimers[instances[0]].Id, CancellationToken.None);
        Assert.Empty(await api.OpenTasksAsync(instances[0]));
        foreach (var instanceId in instances) await timers.HandleAsync(instanceId, newTimers[instanceId].Id, CancellationToken.None);
        foreach (var instanceId in instances)
        {
            var task = Assert.Single(await api.OpenTasksAsync(instanceId));
            Assert.Equal(("nsaid-phone-call", "coordinator"), (task.Str("activityId"), task.Str("role")));
        }

        // The call made, the instance goes on to the review, as v2 says.
        var call = Assert.Single(await api.OpenTasksAsync(instances[1]));
        await (await CarePathwayApi.CompleteAsync(await api.Coordinator, call.Id(), "done")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("nsaid-review", Assert.Single(await api.OpenTasksAsync(instances[1])).Str("activityId"));
    }

    [Fact]
    public async Task A_plan_names_each_unplaced_wait_and_instances_that_cannot_move_stay_with_the_reason_while_an_open_task_moves_as_it_is()
    {
        var admin = await api.Administrator;
        var (definitionId, document) = await PublishCrmoCopyAsync();
        var onTrial = (await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: false), definitionId: definitionId)).Id();
        var suspended = (await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: false), definitionId: definitionId)).Id();
        await (await (await api.Coordinator).PostJsonAsync($"/api/instances/{suspended}/suspend", new { reason = "family on holiday" })).ExpectAsync(HttpStatusCode.OK);
        var patient = await api.CreatePatientAsync(vertebralLesion: true);
        var atApproval = (await api.StartAsync(patient, definitionId: definitionId)).Id();
        var approval = Assert.Single(await api.OpenTasksAsync(atApproval, kind: "escalation-approval"));

        // Version 2 renames the NSAID trial's wait.
        await PublishVersion2Async(definitionId, document, v2 =>
        {
            v2["activities"]!.AsArray().Single(a => a!.Str("id") == "nsaid-trial")!["id"] = "nsaid-period";
            foreach (var connection in v2["connections"]!.AsArray().Select(c => c!))
            {
                if (connection.Str("from") == "nsaid-trial") connection["from"] = "nsaid-period";
                if (connection.Str("to") == "nsaid-trial") connection["to"] = "nsaid-period";
            }
        });

        // Only administrators move instances.
        await (await (await api.Clinician).PostJsonAsync(Move(definitionId, dryRun: true), new { fromVersion = 1, toVersion = 2 })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        // Unplaced, a mapping to a wait of another kind, a mapping to nothing, a draft or unknown version: each refused, named.
        await (await admin.PostJsonAsync(Move(definitionId, dryRun: true), new { fromVersion = 1, toVersion = 2 }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "mapping.nsaid-trial");
        var wrongKind = await (await admin.PostJsonAsync(Move(definitionId, dryRun: true),
            new { fromVersion = 1, toVersion = 2, mapping = new Dictionary<string, string> { ["nsaid-trial"] = "nsaid-review", ["dental"] = "nowhere" } }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "mapping.nsaid-trial", "mapping.dental");
        Assert.Contains("same type", wrongKind["errors"]!["mapping.nsaid-trial"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await (await admin.PostJsonAsync(Move(definitionId, dryRun: true), new { fromVersion = 1, toVersion = 3 })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await admin.PostJsonAsync(Move(definitionId, dryRun: true), new { fromVersion = 2, toVersion = 1 })).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync(Move(definitionId, dryRun: true), new { toVersion = 2, select = new { activityId = "no-such" } }))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "fromVersion");

        // By activity: only the instance at the approval is chosen; by patient, likewise.
        var byActivity = await (await admin.PostJsonAsync(Move(definitionId, dryRun: true), new { fromVersion = 1, toVersion = 2, select = new { activityId = "escalation-approval" } }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(atApproval, Assert.Single(byActivity["instances"]!.AsArray())!.Id("instanceId"));
        var byPatient = await (await admin.PostJsonAsync(Move(definitionId, dryRun: true), new { fromVersion = 1, toVersion = 2, select = new { patientId = patient } }))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(atApproval, Assert.Single(byPatient["instances"]!.AsArray())!.Id("instanceId"));

        var mapped = new { fromVersion = 1, toVersion = 2, mapping = new Dictionary<string, string> { ["nsaid-trial"] = "nsaid-period" }, reason = "NSAID trial renamed" };
        var report = await (await admin.PostJsonAsync(Move(definitionId), mapped)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((3, 2, 1), (report["selected"]!.GetValue<int>(), report["moving"]!.GetValue<int>(), report["staying"]!.GetValue<int>()));
        var stays = report["instances"]!.AsArray().Single(i => i!.Id("instanceId") == suspended)!;
        Assert.False(stays["moves"]!.GetValue<bool>());
        Assert.StartsWith("it is suspended", stays.Str("staysBecause"), StringComparison.Ordinal);
        Assert.Equal(1, (await api.InstanceAsync(suspended))["instance"]!["version"]!.GetValue<int>());
        var trial = report["instances"]!.AsArray().Single(i => i!.Id("instanceId") == onTrial)!;
        Assert.Equal(("nsaid-trial", "nsaid-period", "timer"), (trial["paths"]![0]!.Str("from"), trial["paths"]![0]!.Str("to"), trial["paths"]![0]!.Str("waiting")));
        Assert.Equal("nsaid-period", Assert.Single((await api.InstanceAsync(onTrial))["waiting"]!.AsArray())!.Str("activityId"));

        // The approval is the same task, still open for the clinician, and deciding it continues on version 2.
        var sameTask = Assert.Single(await api.OpenTasksAsync(atApproval, kind: "escalation-approval"));
        Assert.Equal(approval.Id(), sameTask.Id());
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, sameTask.Id(), "approved")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("dental", Assert.Single(await api.OpenTasksAsync(atApproval, role: "clinician")).Str("activityId"));

        // The move is audited, and a second run finds nothing left on version 1 that can move.
        var audit = await admin.GetJsonAsync("/api/operations/audit?pageSize=200");
        Assert.Contains(audit.Items(), a => a.Str("action") == "instance.move" && a.Str("targetId") == atApproval.ToString() && a["succeeded"]!.GetValue<bool>());
        Assert.Contains(audit.Items(), a => a.Str("action") == "instance.move" && a.Str("targetId") == suspended.ToString() && !a["succeeded"]!.GetValue<bool>());
        var again = await (await admin.PostJsonAsync(Move(definitionId), mapped)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, 0), (again["selected"]!.GetValue<int>(), again["moving"]!.GetValue<int>()));
    }
}

public sealed class SqliteInstanceMoveTests(SqliteAppFactory factory) : InstanceMoveTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresInstanceMoveTests(PostgresAppFactory factory) : InstanceMoveTests(factory), IClassFixture<PostgresAppFactory>;
