using CarePathway.Engine.Runtime;
using System.Text.Json.Nodes;
using CarePathway.Engine.Clinical;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Patients;

public sealed record ListPatients(string? Search, int Page = 1, int PageSize = 50) : IRequest<Paged<PatientSummary>>;

public sealed record GetPatient(Guid Id) : IRequest<PatientDetail>;

internal sealed class PatientQueries(CarePathwayDbContext db) : IRequestHandler<ListPatients, Paged<PatientSummary>>, IRequestHandler<GetPatient, PatientDetail>
{
    public async Task<Paged<PatientSummary>> Handle(ListPatients request, CancellationToken cancellationToken)
    {
        var query = db.Patients.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search)) query = query.Matching(request.Search);

        query = query.OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName).ThenBy(p => p.Id);
        return await Paged.CreateAsync(query, request.Page, request.PageSize, Summary, cancellationToken);
    }

    public async Task<PatientDetail> Handle(GetPatient request, CancellationToken cancellationToken)
    {
        var p = await db.Patients.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException($"patient {request.Id}");
        var measurements = await db.PatientMeasurements.AsNoTracking().Where(m => m.PatientId == p.Id).ToListAsync(cancellationToken);
        var labs = await db.LabResults.AsNoTracking().Where(l => l.PatientId == p.Id).ToListAsync(cancellationToken);
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.PatientId == p.Id).ToListAsync(cancellationToken);
        return new PatientDetail(p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Diagnosis, p.ServiceCode,
            JsonNode.Parse(p.FactsJson) as JsonObject ?? [],
            [.. measurements.OrderBy(m => m.MeasuredAt).Select(m => new MeasurementDto(m.Id, m.Kind, m.Value, m.Unit, m.MeasuredAt, m.RecordedBy))],
            [.. labs.OrderBy(l => l.ObservedAt).Select(l => new LabResultDto(l.Id, l.Code, LabCatalog.NameOf(l.Code), l.Value, l.Unit, l.ObservedAt, l.RecordedBy,
                l.EnteredInErrorAt is { } at ? new EnteredInErrorDto(at, l.EnteredInErrorBy!, l.EnteredInErrorReason!) : null,
                l.Status == LabResultStatuses.Preliminary))],
            [.. assessments.OrderBy(a => a.ObservedAt).Select(a => new AssessmentDto(a.Id, a.Name, a.Value, a.ObservedAt, a.RecordedBy))],
            p.RowVersion);
    }

    internal static PatientSummary Summary(Patient p) => new(p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Diagnosis, p.ServiceCode);
}
