using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Simulation;
using CarePathway.Engine.Tests.Testing;

namespace CarePathway.Engine.Tests.Runtime;

public sealed class PathwayRuntimeTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly VirtualClock _clock = new(RunHarness.T0);
    private readonly InMemoryPathwayStore _store = new();
    private readonly CountingPatientRecords _patients;
    private readonly PathwayRuntime _runtime;
    private readonly PatientContext _patient = RunHarness.NewPatient();

    public PathwayRuntimeTests()
    {
        _patients = new CountingPatientRecords(_store);
        _runtime = new PathwayRuntime(_store, _patients, _store, _clock);
        _store.Add(_patient);
    }

    private static CompiledDefinition AwaitCreatinine() => PathwayBuilder.Create()
        .Activity("start", "Start")
        .Activity("await-lab", "WaitForEvent", new { eventType = "lab", key = "2160-0" })
        .Activity("end", "End")
        .Chain("start", "await-lab", "end")
        .Compile();

    private static CompiledDefinition WithReminderAndApproval() => PathwayBuilder.Create()
        .Parameter("minWeight", "number", 30, unit: "kg")
        .Activity("start", "Start")
        .Activity("remind", "Reminder", new { kind = "book-imaging", role = "coordinator", title = "Book imaging", dueIn = "7d" })
        .Activity("approve", "Approval", new
        {
            kind = "dose-approval", title = "Approve the dose",
            evidence = new object[] { new { label = "Heavy enough", expression = "patient.weightKg >= param.minWeight", check = true } },
        })
        .Activity("go", "End").Activity("stop", "End")
        .Chain("start", "remind", "approve")
        .Connect("approve", "approved", "go").Connect("approve", "overridden", "go").Connect("approve", "rejected", "stop")
        .Compile();

    private async Task<RunResult> StartAsync(CompiledDefinition definition, int instance = 1)
    {
        _store.Add(definition);
        var id = DeterministicIds.From($"runtime-test/{instance}");
        return await _runtime.StartAsync(new StartPathway(id, definition.Definition.DefinitionId, definition.Definition.Version, _patient.PatientId),
            Actor.Anyone("starter"), None);
    }

    [Fact]
    public async Task A_lab_result_reaching_several_waiting_instances_loads_the_patients_history_once()
    {
        var definition = AwaitCreatinine();
        for (var i = 1; i <= 3; i++) await StartAsync(definition, i);
        _patients.Loads = 0;

        // Creatinine in umol/L under 14682-9 answers waits for 2160-0: the equivalence is the engine's alone.
        var recorded = await _runtime.RecordAsync(_patient.PatientId, new LabObserved("14682-9", 53m, "umol/L"), Actor.Anyone("lab-system"), None);

        Assert.Equal(3, recorded.Delivered.Count);
        Assert.All(recorded.Delivered, r => Assert.Equal(InstanceStatus.Completed, r.State.Status));
        Assert.Equal(1, _patients.Loads);
        Assert.Equal(53m, Assert.Single(_patient.Labs).Value);
    }

    [Fact]
    public async Task A_lab_in_a_unit_its_code_does_not_use_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await StartAsync(AwaitCreatinine());

        var refused = await Assert.ThrowsAsync<RefusedException>(() =>
            _runtime.RecordAsync(_patient.PatientId, new LabObserved("2160-0", 0.6m, "g/L"), Actor.Anyone("lab-system"), None));

        Assert.Equal("unit", Assert.Single(refused.Problems).Field);
        Assert.Empty(_patient.Labs);
        Assert.Equal(InstanceStatus.Running, _store.Instance(DeterministicIds.From("runtime-test/1")).Status);
    }

    [Fact]
    public async Task Outcomes_say_approving_is_unavailable_while_a_check_fails_and_why()
    {
        _patient.Measurements.Add(new Measurement(MeasurementKinds.Weight, 20m, "kg", RunHarness.T0));
        await StartAsync(WithReminderAndApproval());
        var approval = _store.OpenTasks.Single(t => t.Kind == "dose-approval");

        var outcomes = (await _runtime.OutcomesAsync(approval.Id, Actor.Person("dr.jones", ["clinician"]), None)).ToDictionary(o => o.Name);

        Assert.False(outcomes["approved"].Available);
        Assert.Contains("a check in the evidence does not hold", outcomes["approved"].UnavailableBecause, StringComparison.Ordinal);
        Assert.True(outcomes["overridden"].Available && outcomes["overridden"].ReasonRequired);
        Assert.True(outcomes["rejected"].Available && outcomes["rejected"].ReasonRequired);
        // What the outcomes say is what completing answers: approving is refused, overriding with a reason goes on.
        await Assert.ThrowsAsync<StimulusRefusedException>(() =>
            _runtime.CompleteTaskAsync(approval.Id, new TaskAnswer("approved"), Actor.Person("dr.jones", ["clinician"]), None));
        var overridden = await _runtime.CompleteTaskAsync(approval.Id, new TaskAnswer("overridden", "weighed in clinic at 31 kg"), Actor.Person("dr.jones", ["clinician"]), None);
        Assert.Equal(("overridden", "weighed in clinic at 31 kg", "dr.jones"), (overridden.CompletedTask!.Outcome, overridden.CompletedTask.Reason, overridden.CompletedTask.By));
    }

    [Fact]
    public async Task Outcomes_of_a_task_for_another_role_are_unavailable_and_completing_it_is_forbidden()
    {
        await StartAsync(WithReminderAndApproval());
        var approval = _store.OpenTasks.Single(t => t.Kind == "dose-approval");
        var coordinator = Actor.Person("cora", ["coordinator"]);

        var outcomes = await _runtime.OutcomesAsync(approval.Id, coordinator, None);

        Assert.All(outcomes, o => Assert.Equal((false, "this task is for the clinician role"), (o.Available, o.UnavailableBecause)));
        await Assert.ThrowsAsync<ForbiddenException>(() => _runtime.CompleteTaskAsync(approval.Id, new TaskAnswer("approved"), coordinator, None));
    }

    [Fact]
    public async Task A_reminders_completion_is_journaled_in_the_result_and_resumes_nothing()
    {
        await StartAsync(WithReminderAndApproval());
        var reminder = _store.OpenTasks.Single(t => t.Kind == "book-imaging");

        var result = await _runtime.CompleteTaskAsync(reminder.Id, new TaskAnswer("done"), Actor.Person("cora", ["coordinator"]), None);

        var journaled = Assert.Single(result.Journal);
        Assert.Equal((JournalTypes.TaskCompleted, "remind", "done", "cora"), (journaled.Type, journaled.ActivityId, journaled.Outcome, journaled.Cause.Actor));
        Assert.Equal(reminder.Id, result.CompletedTask!.TaskId);
        Assert.Empty(result.CreatedTasks);
        Assert.DoesNotContain(_store.OpenTasks, t => t.Id == reminder.Id);
        var again = await Assert.ThrowsAsync<ConflictException>(() =>
            _runtime.CompleteTaskAsync(reminder.Id, new TaskAnswer("done"), Actor.Person("cora", ["coordinator"]), None));
        Assert.StartsWith("already decided: done by cora", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_a_pathway_closes_its_open_reminders_in_the_same_result()
    {
        var started = await StartAsync(WithReminderAndApproval());
        var reminder = _store.OpenTasks.Single(t => t.Kind == "book-imaging");
        var approval = _store.OpenTasks.Single(t => t.Kind == "dose-approval");

        var cancelled = await _runtime.CancelAsync(started.State.InstanceId, "moved to another hospital", Actor.Person("cora", ["coordinator"]), None);

        Assert.Equal([approval.Id, reminder.Id], cancelled.CancelledTasks);
        Assert.Empty(_store.OpenTasks);
    }

    /// <summary>Counts how often the runtime loads a patient's history.</summary>
    private sealed class CountingPatientRecords(IPatientRecords inner) : IPatientRecords
    {
        public int Loads { get; set; }

        public Task<PatientContext?> LoadPatientAsync(Guid patientId, CancellationToken ct)
        {
            Loads++;
            return inner.LoadPatientAsync(patientId, ct);
        }

        public Task<DateOnly?> BirthDateAsync(Guid patientId, CancellationToken ct) => inner.BirthDateAsync(patientId, ct);

        public Task<Guid> RecordAsync(Guid patientId, PatientObservation observation, DateTimeOffset observedAt, string recordedBy, CancellationToken ct) =>
            inner.RecordAsync(patientId, observation, observedAt, recordedBy, ct);

        public Task<LabWithdrawn> WithdrawLabAsync(Guid patientId, Guid labId, string by, string reason, DateTimeOffset at, CancellationToken ct) =>
            inner.WithdrawLabAsync(patientId, labId, by, reason, at, ct);
    }
}
