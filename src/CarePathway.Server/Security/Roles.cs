namespace CarePathway.Server.Security;

/// <summary>The Identity roles of the server.</summary>
public static class Roles
{
    public const string Coordinator = "coordinator";
    public const string Clinician = "clinician";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All = [Coordinator, Clinician, Administrator];
}

/// <summary>Authorization policy names for endpoints (<c>.RequireAuthorization(Policies.ClinicianOnly)</c>).</summary>
public static class Policies
{
    /// <summary>Users in the <see cref="Roles.Clinician"/> role.</summary>
    public const string ClinicianOnly = "ClinicianOnly";

    /// <summary>Users in the <see cref="Roles.Administrator"/> role.</summary>
    public const string AdministratorOnly = "AdministratorOnly";
}
