namespace CarePathway.Server.Features.Events;

/// <summary>
/// What recording an event did: the stored record's id and how many pathways it moved on. DeliveryPending: the
/// record is stored but kept losing races to reach a waiting pathway; the delivery sweep makes it shortly.
/// </summary>
public sealed record RecordedEvent(Guid Id, int InstancesResumed, bool DeliveryPending);
