namespace CarePathway.Server.Security.PatientAccess;

/// <summary>Configuration section <c>Access</c>: who sees which patient.</summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    /// <summary>How long a break-the-glass grant opens a patient outside the user's services: about a shift.</summary>
    public TimeSpan BreakGlassDuration { get; set; } = TimeSpan.FromHours(8);
}
