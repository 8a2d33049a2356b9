namespace CarePathway.Engine.Activities;

/// <summary>The roles a task can be assigned to; the same names as the server's sign-in roles.</summary>
public static class TaskRoles
{
    public const string Coordinator = "coordinator";
    public const string Clinician = "clinician";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All = [Coordinator, Clinician, Administrator];
}
