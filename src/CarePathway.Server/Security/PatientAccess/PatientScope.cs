namespace CarePathway.Server.Security.PatientAccess;

/// <summary>
/// Which patients this request's queries see (one per request, read by <see cref="Persistence.CarePathwayDbContext"/>'s
/// query filters). Unrestricted unless <see cref="PatientAccessGate"/> restricts it: background work, administrators'
/// views and machine clients see every patient; clinical staff on the patient-care routes see their services' patients
/// and those they broke the glass for.
/// </summary>
public sealed class PatientScope
{
    public bool Restricted { get; private set; }

    /// <summary>The codes of the services the user holds.</summary>
    public string[] Services { get; private set; } = [];

    /// <summary>Patients outside those services that a live break-the-glass grant opens to the user.</summary>
    public Guid[] GrantedPatients { get; private set; } = [];

    public void Restrict(IEnumerable<string> services, IEnumerable<Guid> grantedPatients)
    {
        Restricted = true;
        Services = [.. services];
        GrantedPatients = [.. grantedPatients];
    }

    public bool Allows(string service, Guid patientId) => !Restricted || Services.Contains(service, StringComparer.Ordinal) || GrantedPatients.Contains(patientId);
}
