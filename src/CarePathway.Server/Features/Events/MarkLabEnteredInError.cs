using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence.Configurations;
using MediatR;

namespace CarePathway.Server.Features.Events;

/// <summary>
/// Marks a lab result entered in error, with why (a wrong value, the wrong patient): the row is kept with who, when and
/// why; the result counts nowhere after; and in the same transaction every unfinished pathway of the patient is told
/// (<see cref="PathwayRuntime.WithdrawLabAsync"/>): a gate waiting that read it runs again, and a dose cleared on it is
/// no longer approvable or given on it. The answer says how many pathways it moved on.
/// </summary>
public sealed record MarkLabEnteredInError(Guid PatientId, Guid LabId, string? Reason) : ICommand<RecordedEvent>, IValidatable
{
    public string AuditAction => "lab.entered-in-error";
    public string? AuditTarget => LabId.ToString();

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Reason)) yield return new(null, "reason", "is required: say why the result is in error");
        else if (Reason.Trim().Length > ColumnLengths.Reason) yield return new(null, "reason", $"must be at most {ColumnLengths.Reason} characters");
    }
}

internal sealed class MarkLabEnteredInErrorHandler(PathwayRuntime runtime, ICurrentUser user) : IRequestHandler<MarkLabEnteredInError, RecordedEvent>
{
    public async Task<RecordedEvent> Handle(MarkLabEnteredInError request, CancellationToken cancellationToken)
    {
        var moved = await runtime.WithdrawLabAsync(request.PatientId, request.LabId, request.Reason!, user.AsActor(), cancellationToken);
        return new RecordedEvent(request.LabId, moved.Count, DeliveryPending: false);
    }
}
