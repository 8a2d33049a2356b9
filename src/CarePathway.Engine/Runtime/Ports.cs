using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;

namespace CarePathway.Engine.Runtime;

/// <summary>
/// The instances, their tasks and the one writer of what a run changed: the unit of work of one runtime
/// call. The server implements it with EF Core inside the command's transaction; the simulator and the
/// engine's tests in memory.
/// </summary>
public interface IInstanceStore
{
    /// <summary>The instance's current state, or null when there is no such instance.</summary>
    Task<InstanceState?> LoadAsync(Guid instanceId, CancellationToken ct);

    /// <summary>The patient's unfinished instances with an event bookmark of this type on one of <paramref name="keys"/>.</summary>
    Task<IReadOnlyList<Guid>> WaitingForEventAsync(Guid patientId, string eventType, IReadOnlyList<string> keys, CancellationToken ct);

    /// <summary>The patient's instances that have not ended (running, suspended or faulted), with the version each runs on.</summary>
    Task<IReadOnlyList<UnfinishedInstance>> UnfinishedInstancesAsync(Guid patientId, CancellationToken ct);

    /// <summary>The task as stored now (not as cached by this unit of work), or null when there is none.</summary>
    Task<TaskRecord?> LoadTaskAsync(Guid taskId, CancellationToken ct);

    /// <summary>The ids of the instance's open tasks, reminders included.</summary>
    Task<IReadOnlyList<Guid>> OpenTasksAsync(Guid instanceId, CancellationToken ct);

    /// <summary>
    /// Stores everything <paramref name="result"/> changed (state, bookmarks, tasks created, completed and
    /// cancelled, journal, incidents raised and resolved, timer requests), in the caller's transaction.
    /// Throws <see cref="ConcurrentChangeException"/> when another writer changed the instance since it was loaded.
    /// </summary>
    Task SaveAsync(RunResult result, CancellationToken ct);
}

/// <summary>An instance that has not ended: which pathway and version it runs.</summary>
public sealed record UnfinishedInstance(Guid InstanceId, string DefinitionId, int Version);

/// <summary>What is known about patients: their record and history, and where a new observation is kept.</summary>
public interface IPatientRecords
{
    /// <summary>The patient with every measurement, lab result and assessment, or null when there is none.</summary>
    Task<PatientContext?> LoadPatientAsync(Guid patientId, CancellationToken ct);

    /// <summary>The patient's birth date, or null when there is no such patient (cheaper than loading the history).</summary>
    Task<DateOnly?> BirthDateAsync(Guid patientId, CancellationToken ct);

    /// <summary>Stores an observation as recorded, at <paramref name="observedAt"/>; answers the stored record's id.</summary>
    Task<Guid> RecordAsync(Guid patientId, PatientObservation observation, DateTimeOffset observedAt, string recordedBy, CancellationToken ct);

    /// <summary>
    /// Marks the patient's lab result <paramref name="labId"/> entered in error, by whom, when and why, deleting nothing: it
    /// is no longer in the patient's history (<see cref="LoadPatientAsync"/>). Answers what was withdrawn; throws
    /// <see cref="NotFoundException"/> when the patient has no such result, <see cref="ConflictException"/> when it is marked already.
    /// </summary>
    Task<LabWithdrawn> WithdrawLabAsync(Guid patientId, Guid labId, string by, string reason, DateTimeOffset at, CancellationToken ct);
}

/// <summary>Compiled definitions by id and version (an instance always runs on the version it started on).</summary>
public interface IDefinitionSource
{
    Task<CompiledDefinition?> GetAsync(string definitionId, int version, CancellationToken ct);
}
