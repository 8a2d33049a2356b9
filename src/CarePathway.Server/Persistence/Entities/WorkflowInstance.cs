using CarePathway.Engine.Execution;

namespace CarePathway.Server.Persistence;

/// <summary>A running (or finished) pathway for one patient, pinned to one definition version.</summary>
public class WorkflowInstance : IHasRowVersion
{
    public Guid Id { get; set; }
    public string DefinitionId { get; set; } = "";
    public int Version { get; set; }
    public Guid PatientId { get; set; }
    /// <summary>A copy of the state's status for queries; the state (<see cref="StateJson"/>) moves it through its table.</summary>
    public InstanceStatus Status { get; set; }

    /// <summary>The engine's serialized state (JSON text).</summary>
    public string StateJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public long RowVersion { get; set; }
}
