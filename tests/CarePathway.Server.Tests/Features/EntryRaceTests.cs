using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Features.Events;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Tests.Infrastructure;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// A person's entry is never lost to a race with the engine: an assessment recorded while the wait's timeout
/// fires on the same pathway is stored and answered 200 every time, and the pathway moves on once (by whichever
/// came first); a suspension asked for in the same moment is applied, not refused. An entry whose delivery did not happen (a crash between storing and delivering) is delivered by
/// the sweep.
/// </summary>
public abstract class EntryRaceTests(CarePathwayAppFactory factory)
{
    private const int Rounds = 12;
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    [Fact]
    public async Task An_assessment_recorded_while_the_waits_timeout_fires_is_stored_and_the_pathway_moves_on_once()
    {
        var waiting = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(_ => WaitingForResponseAsync()));
        var clinician = await api.Clinician;
        var timers = factory.Services.GetRequiredService<ITimerFiredHandler>();

        foreach (var (patientId, instanceId, timeoutBookmark) in waiting)
        {
            // Both at once on the same instance: the timer's run and the person's entry read it at the same version.
            var recording = clinician.PostJsonAsync($"/api/patients/{patientId}/assessments", new { name = "nsaidResponse", value = "inadequate" });
            await Task.WhenAll(recording, timers.HandleAsync(instanceId, timeoutBookmark, CancellationToken.None));

            var recorded = await (await recording).ExpectAsync(HttpStatusCode.OK);
            Assert.False(recorded["deliveryPending"]!.GetValue<bool>());
            var stored = (await clinician.GetJsonAsync($"/api/patients/{patientId}"))["assessments"]!.AsArray();
            Assert.Equal(recorded.Id(), Assert.Single(stored)!.Id());
            var journal = await api.JournalAsync(instanceId);
            var resumedBy = journal.Where(e => e.Activity() == "await-response" && e.Type() is "event.received" or "timer.fired").ToList();
            Assert.True(resumedBy.Count == 1, "the wait should end once:" + Environment.NewLine + journal.Describe());
            Assert.Equal(recorded["instancesResumed"]!.GetValue<int>() == 1 ? "event.received" : "timer.fired", resumedBy[0].Type());
            Assert.Single(await api.OpenTasksAsync(instanceId, kind: "nsaid-review"));
        }
    }

    [Fact]
    public async Task A_suspension_asked_for_while_the_waits_timeout_fires_is_applied_not_refused()
    {
        var waiting = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(_ => WaitingForResponseAsync()));
        var coordinator = await api.Coordinator;
        var timers = factory.Services.GetRequiredService<ITimerFiredHandler>();

        foreach (var (_, instanceId, timeoutBookmark) in waiting)
        {
            var suspending = coordinator.PostJsonAsync($"/api/instances/{instanceId}/suspend", new { reason = "admitted to another hospital" });
            await Task.WhenAll(suspending, timers.HandleAsync(instanceId, timeoutBookmark, CancellationToken.None));

            await (await suspending).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("suspended", (await api.InstanceAsync(instanceId))["instance"]!.Str("status"));
            Assert.Single((await api.JournalAsync(instanceId)).OfType("pathway.suspended"));
        }
    }

    [Fact]
    public async Task An_entry_stored_but_not_delivered_is_delivered_by_the_sweep_once()
    {
        var (patientId, instanceId, _) = await WaitingForResponseAsync();

        // Stored without its delivery, as a request that crashed after its commit leaves it.
        await using (var scope = factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordAssessment(patientId, "nsaidResponse", "adequate", null));
        Assert.Empty(await api.OpenTasksAsync(instanceId, kind: "nsaid-review"));

        var sweep = factory.Services.GetRequiredService<PendingDeliverySweep>();
        Assert.Equal(1, await sweep.SweepAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.Equal(0, await sweep.SweepAsync(TimeSpan.Zero, CancellationToken.None));

        Assert.Single(await api.OpenTasksAsync(instanceId, kind: "nsaid-review"));
        var received = Assert.Single((await api.JournalAsync(instanceId)).OfType("event.received", "await-response"));
        Assert.Equal("event", received.Cause());
        Assert.Equal("adequate", (await api.InstanceAsync(instanceId))["variables"]!["nsaidResponse"]!.GetValue<string>());
    }

    /// <summary>A non-vertebral patient on the sample, past the trial and waiting for the response (its timeout a week away).</summary>
    private async Task<(Guid PatientId, Guid InstanceId, string TimeoutBookmark)> WaitingForResponseAsync()
    {
        var patientId = await api.CreatePatientAsync(vertebralLesion: false);
        var instanceId = (await api.StartAsync(patientId, new JsonObject { ["nsaidTrialLength"] = "1s", ["responseWait"] = "7d" })).Id();
        var journal = await api.WaitForJournalAsync(instanceId, "event.awaited", "await-response");
        var timeout = journal.OfType("timer.scheduled", "await-response").Single();
        return (patientId, instanceId, timeout["data"]!.Str("bookmarkId"));
    }
}

public sealed class SqliteEntryRaceTests(SqliteAppFactory factory) : EntryRaceTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresEntryRaceTests(PostgresAppFactory factory) : EntryRaceTests(factory), IClassFixture<PostgresAppFactory>;
