using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Events;

/// <summary>
/// The delivery outbox's rows and back: a stored observation the pathways waited for becomes a
/// <see cref="PendingDelivery"/> in the transaction that stores it, and the stimulus it carries is read from it
/// when it is delivered (by the request, or later by <see cref="PendingDeliverySweep"/>).
/// </summary>
internal sealed class ObservationDeliveries(CarePathwayDbContext db, TimeProvider clock)
{
    /// <summary>
    /// Stores the observation's delivery for later in the same unit of work and says what was stored; no delivery
    /// when nobody waits for it, so the request then needs no second transaction.
    /// </summary>
    public StoredRecord Enqueue(Guid patientId, StoredObservation stored)
    {
        if (stored.WaitingInstances.Count == 0) return new StoredRecord(stored.RecordId, DeliveryQueued: false);
        db.PendingDeliveries.Add(new PendingDelivery
        {
            Id = stored.RecordId,
            PatientId = patientId,
            EventType = stored.Stimulus.EventType,
            EventKey = stored.Stimulus.Key,
            PayloadJson = stored.Stimulus.Payload.ToJsonString(),
            RecordedBy = stored.Stimulus.RecordedBy,
            InstanceIdsJson = JsonSerializer.Serialize(stored.WaitingInstances),
            CreatedAt = clock.GetUtcNow(),
        });
        return new StoredRecord(stored.RecordId, DeliveryQueued: true);
    }

    public static EventReceived Stimulus(PendingDelivery delivery) =>
        new(delivery.EventType, delivery.EventKey, JsonNode.Parse(delivery.PayloadJson)!.AsObject(), delivery.RecordedBy);

    public static IReadOnlyList<Guid> Instances(PendingDelivery delivery) =>
        JsonSerializer.Deserialize<List<Guid>>(delivery.InstanceIdsJson) ?? [];
}

/// <summary>A stored lab result, measurement or assessment, and whether pathways wait for its delivery.</summary>
public sealed record StoredRecord(Guid Id, bool DeliveryQueued);
