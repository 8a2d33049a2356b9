using CarePathway.Engine.Clinical;
using MediatR;

namespace CarePathway.Server.Features.Patients;

/// <summary>The lab tests a result may be recorded under: what the lab entry form picks from (code, name, the units it accepts).</summary>
public sealed record GetLabCatalog : IRequest<IReadOnlyList<LabCatalogTest>>;

/// <param name="Code">Its LOINC code.</param>
/// <param name="Name">Its name as clinicians read it ("creatinine").</param>
/// <param name="UsualUnit">The unit rules compare the test in; first of <paramref name="Units"/>.</param>
/// <param name="Units">Every unit a result of the test is accepted in (the analyte's mass and molar units where it converts).</param>
public sealed record LabCatalogTest(string Code, string Name, string UsualUnit, IReadOnlyList<string> Units);

internal sealed class LabCatalogHandler : IRequestHandler<GetLabCatalog, IReadOnlyList<LabCatalogTest>>
{
    public Task<IReadOnlyList<LabCatalogTest>> Handle(GetLabCatalog request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LabCatalogTest>>([.. LabCatalog.Tests.Select(t => new LabCatalogTest(t.Code, t.Name, t.UsualUnit, LabCatalog.UnitsOf(t.Code)))]);
}
