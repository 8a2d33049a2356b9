using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Events;

/// <summary>What recording an event did: the stored record's id and how many pathways it moved on.</summary>
public sealed record RecordedEvent(Guid Id, int InstancesResumed);

/// <summary>A stored record, described as the event the engine receives.</summary>
internal sealed record PatientEvent(Guid RecordId, string EventType, string Key, JsonObject Payload);

/// <summary>
/// The common path of every recorded event: the patient must exist, the time must not be in the
/// future, the record is stored, and then it reaches every pathway of the patient waiting for it,
/// all in the command's transaction.
/// </summary>
internal sealed class PatientEvents(CarePathwayDbContext db, StimulusDelivery delivery, ICurrentUser user, TimeProvider clock)
{
    public string UserName => user.Name;

    /// <param name="store">Adds the record to the context, given now and when it was observed.</param>
    public async Task<RecordedEvent> RecordAsync(Guid patientId, DateTimeOffset? observedAt,
        Func<DateTimeOffset, DateTimeOffset, PatientEvent> store, CancellationToken ct)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, ct)) throw new NotFoundException($"patient {patientId}");
        var now = clock.GetUtcNow();
        if (observedAt is { } given && given > now.AddMinutes(5))
            throw RequestValidationException.Field("observedAt", "is in the future", unprocessable: true);

        var recorded = store(now, observedAt ?? now);
        await db.SaveChangesAsync(ct);
        var resumed = await delivery.DeliverEventAsync(patientId,
            new EventReceived(recorded.EventType, recorded.Key, recorded.Payload, user.Name), ct);
        await db.SaveChangesAsync(ct);
        return new RecordedEvent(recorded.RecordId, resumed);
    }
}
