namespace CarePathway.Server.Persistence;

public class Patient : IHasRowVersion
{
    public Guid Id { get; set; }

    /// <summary>Medical record number; unique.</summary>
    public string Mrn { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public DateOnly BirthDate { get; set; }

    /// <summary>female | male | other | unknown (see <see cref="PatientSex"/>).</summary>
    public string Sex { get; set; } = PatientSex.Unknown;
    public string Diagnosis { get; set; } = "";

    /// <summary>Further patient facts, as a JSON object (plain text column).</summary>
    public string FactsJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public long RowVersion { get; set; }

    /// <summary>How lists show a patient ("Family, Given"): sorted and scanned by family name, as the patient list is.</summary>
    public static string DisplayName(string familyName, string givenName) => familyName + ", " + givenName;
}

public static class PatientSex
{
    public const string Female = "female";
    public const string Male = "male";
    public const string Other = "other";
    public const string Unknown = "unknown";
}
