using System.Text.Json.Nodes;
using CarePathway.Server.Persistence;

namespace CarePathway.Server.Features.Patients;

/// <summary>A patient in a list; <c>Service</c> is the code of the service the patient belongs to (<c>/api/services</c>): its staff see and act on the patient.</summary>
public sealed record PatientSummary(Guid Id, string Mrn, string GivenName, string FamilyName, DateOnly BirthDate, PatientSex Sex, string Diagnosis, string Service);

public sealed record PatientDetail(
    Guid Id, string Mrn, string GivenName, string FamilyName, DateOnly BirthDate, PatientSex Sex, string Diagnosis, string Service,
    JsonObject Facts, IReadOnlyList<MeasurementDto> Measurements, IReadOnlyList<LabResultDto> Labs,
    IReadOnlyList<AssessmentDto> Assessments, long RowVersion);

public sealed record MeasurementDto(Guid Id, string Kind, decimal Value, string Unit, DateTimeOffset MeasuredAt, string RecordedBy);

/// <param name="Id">The result's id.</param>
/// <param name="Code">The LOINC code.</param>
/// <param name="Name">The test's name from the lab catalog (e.g. "Creatinine"), or the code when the catalog does not know it.</param>
/// <param name="Value">The value as recorded.</param>
/// <param name="Unit">The unit as recorded, in the lab catalog's spelling (MG/DL is mg/dL); rules convert it when they read it.</param>
/// <param name="ObservedAt">When the sample was taken.</param>
/// <param name="RecordedBy">Who recorded the result.</param>
/// <param name="EnteredInError">Set when the result was marked entered in error: it is kept and shown, but counts nowhere.</param>
/// <param name="Preliminary">The laboratory reported it preliminary (over FHIR): it is kept and shown, but no rule reads it until its final result replaces it.</param>
public sealed record LabResultDto(Guid Id, string Code, string Name, decimal Value, string Unit, DateTimeOffset ObservedAt, string RecordedBy,
    EnteredInErrorDto? EnteredInError, bool Preliminary);

/// <summary>Who marked a result entered in error, when, and why.</summary>
public sealed record EnteredInErrorDto(DateTimeOffset At, string By, string Reason);

public sealed record AssessmentDto(Guid Id, string Name, string Value, DateTimeOffset ObservedAt, string RecordedBy);
