namespace CarePathway.Server.Persistence;

/// <summary>
/// A clinical service of the hospital (paediatric rheumatology, the bone clinic, the pain clinic): every patient belongs
/// to one, and staff see and act on the patients of the services they hold (<see cref="UserService"/>).
/// </summary>
public class Service
{
    /// <summary>The general service existing patients were given when services came in; patients belong to it until someone moves them.</summary>
    public const string General = "general";

    /// <summary>Lowercase letters, digits and hyphens, e.g. <c>bone-clinic</c>; never changes once created.</summary>
    public string Code { get; set; } = "";

    public string DisplayName { get; set; } = "";
}

/// <summary>A user holding a service: they see and act on its patients. A user may hold several.</summary>
public class UserService
{
    public string UserId { get; set; } = "";
    public string ServiceCode { get; set; } = "";
}
