namespace CarePathway.Server.Security.PatientAccess;

/// <summary>
/// The user asked for a patient outside their services: a 403 whose problem type says they may break the glass
/// (<c>POST /api/patients/{id}/access</c> with a reason) and names the patient.
/// </summary>
public sealed class BreakTheGlassRequiredException(Guid patientId)
    : Exception($"patient {patientId} belongs to a service you do not hold; to see the record, break the glass with a reason")
{
    /// <summary>The problem type of the answer: the web app shows the break-the-glass prompt on it.</summary>
    public const string ProblemType = "urn:carepathway:problem:break-the-glass";

    public Guid PatientId { get; } = patientId;
}
