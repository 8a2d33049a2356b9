namespace CarePathway.Server.Persistence;

/// <summary>
/// A break-the-glass grant: a user opened a patient outside their services, with a reason, for a limited time
/// (<c>Access:BreakGlassDuration</c>). Kept after it expires: the administrators of the patient's service review them.
/// </summary>
public class AccessGrant
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }

    /// <summary>The patient's service when the glass was broken: whose administrators see the grant.</summary>
    public string ServiceCode { get; set; } = "";

    public string UserName { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTimeOffset GrantedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
