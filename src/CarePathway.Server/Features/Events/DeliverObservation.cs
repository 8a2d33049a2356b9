using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Events;

/// <summary>
/// Delivers a stored observation to the pathways that waited for it, once: the outbox row goes in the transaction
/// that moves the pathways on. A delivery already made (by the request or by the sweep) delivers nothing.
/// </summary>
public sealed record DeliverObservation(Guid RecordId) : ICommand<int>
{
    public string AuditAction => "observation.deliver";
    public string? AuditTarget => RecordId.ToString();
}

internal sealed class DeliverObservationHandler(PathwayRuntime runtime, CarePathwayDbContext db) : IRequestHandler<DeliverObservation, int>
{
    public async Task<int> Handle(DeliverObservation request, CancellationToken cancellationToken)
    {
        var delivery = await db.PendingDeliveries.SingleOrDefaultAsync(d => d.Id == request.RecordId, cancellationToken);
        if (delivery is null) return 0;

        var delivered = await runtime.DeliverObservationAsync(delivery.PatientId, ObservationDeliveries.Stimulus(delivery), ObservationDeliveries.Instances(delivery), cancellationToken);
        db.PendingDeliveries.Remove(delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException raced)
        {
            // Another deliverer (the sweep, another node) removed it first: run again to see that it is done.
            throw new ConcurrentChangeException($"the delivery of {request.RecordId} was made meanwhile", raced);
        }

        return delivered.Count;
    }
}
