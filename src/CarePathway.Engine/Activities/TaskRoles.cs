namespace CarePathway.Engine.Activities;

/// <summary>
/// The roles a task can be assigned to; the same names as the server's sign-in roles. They stay strings: Identity
/// stores and checks roles as text (<c>IsInRole</c>, role claims), and definitions name a task's role as text.
/// </summary>
public static class TaskRoles
{
    public const string Coordinator = "coordinator";
    public const string Clinician = "clinician";
    public const string Administrator = "administrator";

    public static readonly IReadOnlyList<string> All = [Coordinator, Clinician, Administrator];
}
