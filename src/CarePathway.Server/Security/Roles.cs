using CarePathway.Engine.Activities;

namespace CarePathway.Server.Security;

/// <summary>
/// The Identity roles of the server: the same names tasks are assigned to (<see cref="TaskRoles"/>). Text, as
/// Identity keeps roles and as <c>RequireRole</c> takes them.
/// </summary>
public static class Roles
{
    public const string Coordinator = TaskRoles.Coordinator;
    public const string Clinician = TaskRoles.Clinician;
    public const string Administrator = TaskRoles.Administrator;

    public static IReadOnlyList<string> All => TaskRoles.All;
}

/// <summary>Authorization policy names for endpoints (<c>.RequireAuthorization(Policies.ClinicianOnly)</c>).</summary>
public static class Policies
{
    /// <summary>Users in the <see cref="Roles.Clinician"/> role.</summary>
    public const string ClinicianOnly = "ClinicianOnly";

    /// <summary>Users who record and correct clinical entries: <see cref="Roles.Clinician"/> or <see cref="Roles.Coordinator"/>.</summary>
    public const string ClinicalStaff = "ClinicalStaff";

    /// <summary>Users in the <see cref="Roles.Administrator"/> role.</summary>
    public const string AdministratorOnly = "AdministratorOnly";

    /// <summary>
    /// Patients' records and care: <see cref="Roles.Clinician"/> or <see cref="Roles.Coordinator"/>, or a machine client
    /// (whose scopes the machine-client gate checks per operation). Not an administrator as such: administrators manage
    /// pathways and accounts, and see patients only when they also hold a clinical role.
    /// </summary>
    public const string PatientCare = "PatientCare";

    /// <summary>Retrying a failed step: the patient's clinical staff, or an administrator working the operations view.</summary>
    public const string IncidentRetry = "IncidentRetry";

    /// <summary>Approving a definition version that changes a clinical parameter: a clinician or an administrator (never its author: the handler checks that).</summary>
    public const string DefinitionApproval = "DefinitionApproval";
}
