using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Execution;

/// <summary>Moving an instance to another version through the runtime, in memory: what carries over, what is re-issued, what is refused.</summary>
public sealed class InstanceMoverTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly VirtualClock _clock = new(RunHarness.T0);
    private readonly InMemoryPathwayStore _store = new();
    private readonly PathwayRuntime _runtime;
    private readonly PatientContext _patient = RunHarness.NewPatient();

    public InstanceMoverTests()
    {
        _runtime = new PathwayRuntime(_store, _store, _store, _clock);
        _store.Add(_patient);
    }

    /// <summary>Version 1 waits a week and ends; version 2 raises the cap's default and adds a phone call after the wait.</summary>
    private static (CompiledDefinition V1, CompiledDefinition V2) Versions()
    {
        var v1 = PathwayBuilder.Create(version: 1)
            .Parameter("capMg", "number", 60, unit: "mg")
            .Activity("start", "Start").Activity("pause", "Delay", new { duration = "7d" }).Activity("end", "End")
            .Chain("start", "pause", "end")
            .Compile();
        var v2 = PathwayBuilder.Create(version: 2)
            .Parameter("capMg", "number", 90, unit: "mg")
            .Activity("start", "Start").Activity("pause", "Delay", new { duration = "7d" })
            .Activity("call", "HumanTask", new { kind = "phone-call", role = "coordinator", title = "Phone the family", outcomes = new[] { "done" }, dueIn = "1d" })
            .Activity("end", "End")
            .Chain("start", "pause", "call", "end")
            .Compile();
        return (v1, v2);
    }

    private async Task<InstanceState> StartAsync(CompiledDefinition definition, int instance, JsonObject? parameters = null)
    {
        _store.Add(definition);
        var id = DeterministicIds.From($"mover-test/{instance}");
        var start = new StartPathway(id, definition.Definition.DefinitionId, definition.Definition.Version, _patient.PatientId)
        {
            Parameters = (parameters ?? []).ToDictionary(p => p.Key, p => p.Value?.DeepClone()),
        };
        return (await _runtime.StartAsync(start, Actor.Anyone("starter"), None)).State;
    }

    [Fact]
    public async Task A_moved_instance_keeps_its_wait_and_due_time_on_a_new_timer_takes_new_defaults_but_keeps_given_values_and_continues_on_the_new_version()
    {
        var (v1, v2) = Versions();
        _store.Add(v2);
        var atDefault = await StartAsync(v1, 1);
        var given = await StartAsync(v1, 2, JsonNode.Parse("""{ "capMg": 70 }""")!.AsObject());
        var oldTimer = Assert.Single(atDefault.Bookmarks);
        var plan = new MigrationPlan(v1, v2, new Dictionary<string, string>());
        Assert.Empty(plan.Problems(new Dictionary<string, int> { ["pause"] = 2 }));

        var moved = await _runtime.MoveAsync(atDefault.InstanceId, plan, "calls before the end", Actor.Anyone("owner"), None);
        await _runtime.MoveAsync(given.InstanceId, plan, "calls before the end", Actor.Anyone("owner"), None);

        var state = _store.Instance(atDefault.InstanceId);
        Assert.Equal(2, state.Version);
        var newTimer = Assert.Single(state.Bookmarks);
        Assert.NotEqual(oldTimer.Id, newTimer.Id);
        Assert.Equal((oldTimer.DueAt, "pause", oldTimer.TokenId), (newTimer.DueAt, newTimer.ActivityId, newTimer.TokenId));
        Assert.Equal([oldTimer.Id], moved.CancelledTimers);
        Assert.Equal(newTimer.Id, Assert.Single(moved.ScheduledTimers).BookmarkId);
        Assert.Equal(90, state.Parameters["capMg"]!.GetValue<int>());
        Assert.Equal(70, _store.Instance(given.InstanceId).Parameters["capMg"]!.GetValue<int>());
        var record = Assert.Single(moved.Journal);
        Assert.Equal((JournalTypes.PathwayMigrated, "owner", "calls before the end"), (record.Type, record.Cause.Actor, record.Data["reason"]!.GetValue<string>()));

        // The old timer resumes nothing; the new one runs version 2's added step.
        _clock.MoveTo(oldTimer.DueAt!.Value);
        Assert.False((await _runtime.FireTimerAsync(atDefault.InstanceId, oldTimer.Id, None)).Applied);
        await _runtime.FireTimerAsync(atDefault.InstanceId, newTimer.Id, None);
        Assert.Contains(_store.OpenTasks, t => t.ActivityId == "call");
    }

    [Fact]
    public async Task A_suspended_instance_is_refused_and_left_as_it_was_and_a_plan_names_an_unplaced_wait()
    {
        var (v1, v2) = Versions();
        _store.Add(v2);
        var suspended = await StartAsync(v1, 3);
        await _runtime.SuspendAsync(suspended.InstanceId, "away", Actor.Anyone("nurse"), None);
        var plan = new MigrationPlan(v1, v2, new Dictionary<string, string>());

        var refused = await Assert.ThrowsAsync<MoveRefusedException>(() => _runtime.MoveAsync(suspended.InstanceId, plan, "why", Actor.Anyone("owner"), None));
        Assert.StartsWith("it is suspended", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, _store.Instance(suspended.InstanceId).Version);
        await Assert.ThrowsAsync<RefusedException>(() => _runtime.MoveAsync(suspended.InstanceId, plan, " ", Actor.Anyone("owner"), None));

        var renamed = PathwayBuilder.Create(version: 3)
            .Activity("start", "Start").Activity("wait", "Delay", new { duration = "7d" }).Activity("end", "End")
            .Chain("start", "wait", "end").Compile();
        var unplaced = Assert.Single(new MigrationPlan(v1, renamed, new Dictionary<string, string>()).Problems(new Dictionary<string, int> { ["pause"] = 1 }));
        Assert.Equal("mapping.pause", unplaced.Field);
        var wrongKind = Assert.Single(new MigrationPlan(v1, v2, new Dictionary<string, string> { ["pause"] = "call" }).Problems(new Dictionary<string, int>()));
        Assert.Contains("same type", wrongKind.Message, StringComparison.Ordinal);
    }
}
