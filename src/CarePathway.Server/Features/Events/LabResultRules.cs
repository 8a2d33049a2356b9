using CarePathway.Engine.Clinical;
using CarePathway.Engine.Validation;

namespace CarePathway.Server.Features.Events;

/// <summary>
/// The engine's lab catalog applied when a result is recorded: a unit that is not one of the code's, or
/// an implausible value, is refused naming the field, before anything is stored. The result is stored as
/// recorded; rules convert it when they read it.
/// </summary>
internal static class LabResultRules
{
    // A value every known analyte accepts in every one of its units (above 0, far below each plausible maximum):
    // when the recorded result fails but this one passes in the same unit, the value is at fault, not the unit.
    private const decimal PlausibleInAnyUnit = 1m;

    public static IEnumerable<ValidationProblem> Check(string code, decimal value, string unit)
    {
        var checkedResult = LabCatalog.Normalize(code.Trim(), value, unit);
        if (checkedResult.IsSuccess) yield break;
        var unitIsKnown = LabCatalog.Normalize(code.Trim(), PlausibleInAnyUnit, unit).IsSuccess;
        yield return new ValidationProblem(null, unitIsKnown ? "value" : "unit", checkedResult.Error!);
    }
}
