using System.Text.Json.Serialization;

namespace CarePathway.Server.Persistence;

public class Patient : IHasRowVersion
{
    public Guid Id { get; set; }

    /// <summary>Medical record number; unique.</summary>
    public string Mrn { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public DateOnly BirthDate { get; set; }

    /// <summary>Stored as female | male | other | unknown.</summary>
    public PatientSex Sex { get; set; } = PatientSex.Unknown;
    public string Diagnosis { get; set; } = "";

    /// <summary>The <see cref="Service"/> the patient belongs to: its staff see and act on the patient.</summary>
    public string ServiceCode { get; set; } = Service.General;

    /// <summary>Further patient facts, as a JSON object (plain text column).</summary>
    public string FactsJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public long RowVersion { get; set; }

    /// <summary>How lists show a patient ("Family, Given"): sorted and scanned by family name, as the patient list is.</summary>
    public static string DisplayName(string familyName, string givenName) => familyName + ", " + givenName;
}

/// <summary>
/// A patient's recorded sex; travels as the lowercase name. The engine's patient keeps it as text (definitions
/// compare <c>patient.sex</c> with text, and scenarios give it as text).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<PatientSex>))]
public enum PatientSex
{
    /// <summary>Female.</summary>
    [JsonStringEnumMemberName("female")] Female,

    /// <summary>Male.</summary>
    [JsonStringEnumMemberName("male")] Male,

    /// <summary>Recorded as neither.</summary>
    [JsonStringEnumMemberName("other")] Other,

    /// <summary>Not recorded.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,
}
