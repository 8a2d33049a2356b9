namespace CarePathway.Server.Features.Events;

/// <summary>What recording an event did: the stored record's id and how many pathways it moved on.</summary>
public sealed record RecordedEvent(Guid Id, int InstancesResumed);
