using CarePathway.Engine.Definitions;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Patients;

/// <summary>
/// Which published pathways the patient may be started on now, each with why not: the start picker offers the eligible
/// ones. The answer is the engine's own start check (<see cref="PathwayRuntime.CheckStartAsync"/>), so the picker and a
/// start never disagree.
/// </summary>
public sealed record GetEligiblePathways(Guid PatientId) : IRequest<IReadOnlyList<PathwayEligibility>>;

/// <param name="DefinitionId">The pathway.</param>
/// <param name="Name">Its name, as the picker shows it.</param>
/// <param name="Version">The published version a start would run.</param>
/// <param name="Eligible">True when a start now would be accepted (every rule holds and no course of its group runs).</param>
/// <param name="NotMet">Each eligibility rule that does not hold, with why ("Age 1-18 years: ..."); empty when eligible.</param>
/// <param name="RunningCourse">Why a start would be refused as a second course of the same group (409), or null.</param>
public sealed record PathwayEligibility(string DefinitionId, string Name, int Version, bool Eligible, IReadOnlyList<string> NotMet, string? RunningCourse);

internal sealed class EligiblePathwaysHandler(CarePathwayDbContext db, PathwayRuntime runtime) : IRequestHandler<GetEligiblePathways, IReadOnlyList<PathwayEligibility>>
{
    public async Task<IReadOnlyList<PathwayEligibility>> Handle(GetEligiblePathways request, CancellationToken cancellationToken)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == request.PatientId, cancellationToken)) throw new NotFoundException($"patient {request.PatientId}");
        var published = await db.DefinitionVersions.AsNoTracking().Where(d => d.Status == DefinitionStatus.Published)
            .OrderBy(d => d.Name).ThenBy(d => d.DefinitionId).Select(d => new { d.DefinitionId, d.Name, d.Version }).ToListAsync(cancellationToken);
        var answers = new List<PathwayEligibility>(published.Count);
        foreach (var d in published)
        {
            var check = await runtime.CheckStartAsync(d.DefinitionId, d.Version, request.PatientId, cancellationToken);
            answers.Add(new PathwayEligibility(d.DefinitionId, d.Name, d.Version, check.Eligible && check.RunningCourse is null, check.NotMet, check.RunningCourse));
        }

        return answers;
    }
}
