using System.Security.Claims;
using CarePathway.Server.Security;
using CarePathway.Server.Security.MachineClients;
using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// Who may do what at <c>/fhir</c>, in one place. People: clinicians and coordinators read and write (administrators
/// do not, as for patients' records elsewhere). Machine clients: each resource type written needs its scope
/// (<see cref="WriteScope"/>), reading needs <c>patients:read</c>; a bundle is let in by either write scope and then
/// each of its entries is checked against its own type's scope (<see cref="RefuseUnscopedEntry"/>).
/// </summary>
internal static class FhirAuthorization
{
    public const string Policy = Policies.PatientCare;

    public const string ReadScope = MachineScopes.PatientsRead;

    public static readonly string[] BundleScopes = [MachineScopes.LabsWrite, MachineScopes.PatientsWrite];

    /// <summary>The scope a machine client needs to write a resource of <paramref name="type"/>.</summary>
    public static string WriteScope(string type) => type switch
    {
        nameof(Observation) => MachineScopes.LabsWrite,
        nameof(Patient) => MachineScopes.PatientsWrite,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a writable FHIR type"),
    };

    /// <summary>A machine client's bundle entry whose type its token has no scope for: 403, naming the entry and the scope.</summary>
    public static void RefuseUnscopedEntry(ClaimsPrincipal caller, Resource resource)
    {
        if (!MachineClientSetup.IsMachineClient(caller) || FhirCapabilities.Writable.All(type => type != resource.TypeName)) return;
        var needed = WriteScope(resource.TypeName);
        if (!MachineClientSetup.ScopesOf(caller).Contains(needed))
            throw new FhirRefusedException(StatusCodes.Status403Forbidden,
                [new FhirIssue(OperationOutcome.IssueType.Forbidden, resource.TypeName, $"the client's token has no {needed} scope, which writing a {resource.TypeName} needs")]);
    }
}
