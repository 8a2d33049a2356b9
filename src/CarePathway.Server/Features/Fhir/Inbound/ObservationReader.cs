using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CarePathway.Server.Features.Fhir.Inbound;

/// <summary>
/// Reads an Observation into what the product records: which result (identifier, version, status), whose, which code,
/// value, unit and time. What it cannot read is refused (422) naming the element; whether the code, unit and value are
/// acceptable is the lab entry's own check, made when it is recorded (<see cref="ReceiveObservation"/>).
/// </summary>
internal static class ObservationReader
{
    public const string Loinc = "http://loinc.org";
    public const string Ucum = "http://unitsofmeasure.org";

    /// <summary>Body weight and height (LOINC), which the product keeps as measurements; every other code is a lab result.</summary>
    private static readonly Dictionary<string, ObservationKind> MeasurementCodes = new(StringComparer.Ordinal)
    {
        ["29463-7"] = ObservationKind.Weight, ["3141-9"] = ObservationKind.Weight,
        ["8302-2"] = ObservationKind.Height, ["8306-3"] = ObservationKind.Height,
    };

    private static readonly HashSet<ObservationStatus> Accepted =
        [ObservationStatus.Final, ObservationStatus.Amended, ObservationStatus.Corrected, ObservationStatus.Preliminary, ObservationStatus.EnteredInError];

    public static InboundObservation Read(Observation observation, string? fullUrl, bool onlyIfNone, string mrnSystem)
    {
        var identifier = observation.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.System) && !string.IsNullOrWhiteSpace(i.Value))
            ?? throw FhirRefusedException.Invalid("Observation.identifier", "is required, with a system and a value (the laboratory's accession or result number): it is what makes a result sent again change nothing");
        if (observation.Status is not { } status || !Accepted.Contains(status))
            throw FhirRefusedException.Invalid("Observation.status", $"must be final, amended, corrected, preliminary or entered-in-error, not {observation.Status?.ToString() ?? "missing"}");
        var code = observation.Code?.Coding.FirstOrDefault(c => c.System == Loinc && !string.IsNullOrWhiteSpace(c.Code))?.Code
            ?? throw FhirRefusedException.Invalid("Observation.code", $"needs a LOINC coding (system {Loinc})");
        var kind = MeasurementCodes.GetValueOrDefault(code, ObservationKind.Lab);

        decimal? value = null;
        string? unit = null;
        if (status != ObservationStatus.EnteredInError)
        {
            if (observation.Value is not Quantity quantity)
                throw FhirRefusedException.Invalid("Observation.value", "must be a valueQuantity (a number with its UCUM unit)");
            if (quantity.Value is null) throw FhirRefusedException.Invalid("Observation.valueQuantity.value", "is required");
            if (quantity.Comparator is not null) throw FhirRefusedException.Invalid("Observation.valueQuantity.comparator", "a result given as a bound (< or >) cannot be compared with a gate's limit; send the measured value");
            if (quantity.Code is not null && quantity.System is not null && quantity.System != Ucum)
                throw FhirRefusedException.Invalid("Observation.valueQuantity.system", $"must be UCUM ({Ucum})");
            (value, unit) = (quantity.Value, quantity.Code ?? quantity.Unit);
            if (string.IsNullOrWhiteSpace(unit)) throw FhirRefusedException.Invalid("Observation.valueQuantity.code", "is required (the UCUM unit, e.g. mg/dL)");
        }

        return new InboundObservation(fullUrl, onlyIfNone, $"{identifier.System}|{identifier.Value}", VersionOf(observation), status.GetLiteral(),
            Subject(observation.Subject, mrnSystem), kind, code, value, unit, EffectiveAt(observation),
            observation.Note.FirstOrDefault()?.Text);
    }

    /// <summary>The sender's version, or one made from the content: the same resource sent twice has the same one.</summary>
    public static string VersionOf(Resource resource)
    {
        if (!string.IsNullOrWhiteSpace(resource.Meta?.VersionId)) return resource.Meta.VersionId;
        var withoutMeta = (Resource)resource.DeepCopy();
        withoutMeta.Meta = null;
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(FhirFormat.Serialize(withoutMeta))))[..32];
    }

    private static DateTimeOffset? EffectiveAt(Observation observation) => observation.Effective switch
    {
        null => null,
        FhirDateTime dateTime => dateTime.ToDateTimeOffset(TimeSpan.Zero),
        Instant instant => instant.Value,
        _ => throw FhirRefusedException.Invalid("Observation.effective", "must be effectiveDateTime or effectiveInstant (when the sample was taken)"),
    };

    public static SubjectReference Subject(ResourceReference? subject, string mrnSystem)
    {
        if (subject is null) throw FhirRefusedException.Invalid("Observation.subject", "is required: whose result is it?");
        if (subject.Identifier is { } logical) return new SubjectReference(null, Mrn(logical.System, logical.Value, mrnSystem, "Observation.subject.identifier"), null);
        var reference = subject.Reference;
        if (string.IsNullOrWhiteSpace(reference)) throw FhirRefusedException.Invalid("Observation.subject", "needs a reference or an identifier");
        if (reference.StartsWith("urn:uuid:", StringComparison.Ordinal)) return new SubjectReference(null, null, reference);
        if (reference.StartsWith("Patient?identifier=", StringComparison.Ordinal))
        {
            var (system, value) = SplitToken(Uri.UnescapeDataString(reference["Patient?identifier=".Length..]));
            return new SubjectReference(null, Mrn(system, value, mrnSystem, "Observation.subject.reference"), null);
        }

        if (reference.StartsWith("Patient/", StringComparison.Ordinal) && Guid.TryParse(reference["Patient/".Length..], out var id))
            return new SubjectReference(id, null, null);
        throw FhirRefusedException.Invalid("Observation.subject.reference", $"'{reference}' is not a patient this server knows how to find: use Patient/{{id}}, Patient?identifier={mrnSystem}|{{mrn}} or a bundle entry's urn:uuid");
    }

    /// <summary>A search token <c>system|value</c> (or a bare value).</summary>
    public static (string? System, string Value) SplitToken(string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (null, token) : (token[..bar], token[(bar + 1)..]);
    }

    private static string Mrn(string? system, string? value, string mrnSystem, string element)
    {
        if (system != mrnSystem) throw FhirRefusedException.Invalid(element, $"the patient's identifier must be in the MRN system {mrnSystem}, not {system ?? "none"}");
        if (string.IsNullOrWhiteSpace(value)) throw FhirRefusedException.Invalid(element, "needs the MRN as its value");
        return value;
    }
}
