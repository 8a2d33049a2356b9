using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Services;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security.PatientAccess;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Patients;

/// <summary>
/// Moves a patient's care to another service (a referral from the bone clinic to paediatric rheumatology): from
/// then on that service's staff see the patient, their tasks and pathways, and the old service's do not. The staff
/// of the patient's current service do it, with a reason, against the row version they loaded; the audit keeps
/// who, from where to where and why.
/// </summary>
/// <param name="Id">The patient.</param>
/// <param name="Service">The code of the service that takes the patient over.</param>
/// <param name="Reason">Why (a referral, a transition to adult care).</param>
/// <param name="RowVersion">The patient's row version the person loaded.</param>
public sealed record TransferPatient(Guid Id, string? Service, string? Reason, long? RowVersion) : ICommand<PatientTransferred>, IValidatable
{
    public string AuditAction => "patient.transfer";
    public string? AuditTarget => Id.ToString();
    public string AuditDetail => $"to {Service?.Trim()}: {Reason?.Trim()}";

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Service)) yield return new(null, "service", "is required: the code of the service that takes the patient over");
        if (RowVersion is null) yield return new(null, "rowVersion", "is required: send the rowVersion you loaded");
    }
}

/// <param name="PatientId">The patient moved.</param>
/// <param name="FromService">The service that had the patient.</param>
/// <param name="ToService">The service that has the patient now.</param>
/// <param name="RowVersion">The patient's new row version.</param>
/// <param name="StillYours">The person who moved the patient holds the new service (or a break-the-glass grant): they still see the patient.</param>
public sealed record PatientTransferred(Guid PatientId, string FromService, string ToService, long RowVersion, bool StillYours);

internal sealed class TransferPatientHandler(CarePathwayDbContext db, PatientScope scope) : IRequestHandler<TransferPatient, PatientTransferred>
{
    public async Task<PatientTransferred> Handle(TransferPatient request, CancellationToken cancellationToken)
    {
        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason)) throw RequestValidationException.Field("reason", "is required: say why the patient moves to another service", unprocessable: true);
        var to = (await ServiceCodes.CheckKnownAsync(db, [request.Service], "service", cancellationToken))[0];
        var patient = await db.Patients.SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"patient {request.Id}");
        if (patient.RowVersion != request.RowVersion)
            throw new ConflictException("someone else changed this patient since you opened it; reload it (the patient has not moved)", new { patient.RowVersion });
        if (patient.ServiceCode == to) throw RequestValidationException.Field("service", $"the patient is already in {to}", unprocessable: true);

        var from = patient.ServiceCode;
        patient.ServiceCode = to;
        await db.SaveChangesAsync(cancellationToken);
        return new PatientTransferred(patient.Id, from, to, patient.RowVersion, scope.Allows(to, patient.Id));
    }
}
