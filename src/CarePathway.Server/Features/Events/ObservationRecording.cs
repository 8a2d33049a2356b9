using CarePathway.Engine.Runtime;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>
/// Store it, then deliver it: a person's lab result, measurement or assessment commits on its own, with its
/// delivery in the outbox; the delivery to waiting pathways runs next in its own transaction (run again when it
/// races the engine). A delivery that still could not be made is left to <see cref="PendingDeliverySweep"/>:
/// the entry is never lost to a race.
/// </summary>
internal static class ObservationRecording
{
    public static async Task<RecordedEvent> RecordAndDeliverAsync(this IMediator mediator, IRequest<StoredRecord> record, ILogger logger, CancellationToken ct)
    {
        var (recordId, queued) = await mediator.Send(record, ct);
        return queued ? await mediator.DeliverAsync(recordId, logger, ct) : new RecordedEvent(recordId, 0, DeliveryPending: false);
    }

    /// <summary>Delivers a record stored with its delivery queued (in its own transaction); a delivery still losing races is left to the sweep.</summary>
    public static async Task<RecordedEvent> DeliverAsync(this IMediator mediator, Guid recordId, ILogger logger, CancellationToken ct)
    {
        try
        {
            return new RecordedEvent(recordId, await mediator.Send(new DeliverObservation(recordId), ct), DeliveryPending: false);
        }
        catch (ConcurrentChangeException raced)
        {
            logger.LogWarning(raced, "Record {RecordId} is stored; its delivery is left to the sweep.", recordId);
            return new RecordedEvent(recordId, 0, DeliveryPending: true);
        }
    }
}
