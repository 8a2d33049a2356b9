namespace CarePathway.Server.Security.MachineClients;

/// <summary>
/// The scopes a machine client can be given, each allowing a few operations and nothing else. An endpoint says which
/// scope lets a client call it (<see cref="AllowMachineScope{TBuilder}"/>); an endpoint that says none is for people.
/// </summary>
public static class MachineScopes
{
    /// <summary>Record lab results (<c>POST /api/patients/{id}/labs</c>): the lab feed.</summary>
    public const string LabsWrite = "labs:write";

    /// <summary>Register and update patients (<c>POST /api/patients</c>, <c>PUT /api/patients/{id}</c>, FHIR Patient): the EHR's patient feed.</summary>
    public const string PatientsWrite = "patients:write";

    /// <summary>Find patients and read a patient's record (<c>GET /api/patients</c>, <c>GET /api/patients/{id}</c>).</summary>
    public const string PatientsRead = "patients:read";

    public static TBuilder AllowMachineScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new MachineScopeMetadata(scope));
}

/// <summary>Endpoint metadata: a machine client whose token has <see cref="Scope"/> may call it.</summary>
public sealed record MachineScopeMetadata(string Scope);
