using System.Globalization;
using CarePathway.Server.Features.Fhir.Inbound;
using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>
/// The search parameters every emitted type takes: <c>patient</c> (<c>Patient/{id}</c>), <c>patient.identifier</c>
/// (<c>{mrnSystem}|{mrn}</c>), <c>status</c> (the FHIR status code, comma-separated for any of several) and
/// <c>_lastUpdated</c> (with a prefix: <c>gt2026-12-01T10:00:00Z</c>; twice for a range), so a client can poll for what changed.
/// Any other parameter is refused (400), never ignored: a client must not think it filtered when it did not. The page
/// parameters (<c>_count</c>, <c>_cursor</c>) are <see cref="FhirPage"/>'s.
/// </summary>
internal sealed record FhirSearch(Guid? PatientId, string? Mrn, IReadOnlySet<string>? Statuses, IReadOnlyList<(string Prefix, DateTimeOffset At)> LastUpdated)
{
    public static readonly IReadOnlyList<string> Parameters = ["patient", "patient.identifier", "status", "_lastUpdated"];

    public static FhirSearch Read(IQueryCollection query, string type, string mrnSystem)
    {
        var unknown = query.Keys.FirstOrDefault(k => !Parameters.Contains(k, StringComparer.Ordinal) && !FhirPage.Parameters.Contains(k, StringComparer.Ordinal));
        if (unknown is not null)
            throw Bad(unknown, $"{type} is not searched by '{unknown}' here; the parameters are {string.Join(", ", Parameters.Concat(FhirPage.Parameters))}");

        Guid? patientId = null;
        if (query["patient"].FirstOrDefault() is { } patient)
        {
            var id = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
            if (!Guid.TryParse(id, out var parsed)) throw Bad("patient", $"'{patient}' is not a patient id (Patient/{{id}})");
            patientId = parsed;
        }

        string? mrn = null;
        if (query["patient.identifier"].FirstOrDefault() is { } token)
        {
            var (system, value) = ObservationReader.SplitToken(token);
            if (system is not null && system != mrnSystem) throw Bad("patient.identifier", $"patients are found by MRN, system {mrnSystem}");
            mrn = value;
        }

        var statuses = query["status"].FirstOrDefault() is { } status ? status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal) : null;
        var lastUpdated = query["_lastUpdated"].Select(v => LastUpdatedBound(v!)).ToList();
        return new FhirSearch(patientId, mrn, statuses, lastUpdated);
    }

    /// <summary>Whether a resource built from the product's state is one the search asked for (status and last update).</summary>
    public bool Matches(string? status, DateTimeOffset lastUpdated) =>
        (Statuses is null || (status is not null && Statuses.Contains(status)))
        && LastUpdated.All(bound => bound.Prefix switch
        {
            "gt" => lastUpdated > bound.At,
            "ge" => lastUpdated >= bound.At,
            "lt" => lastUpdated < bound.At,
            "le" => lastUpdated <= bound.At,
            _ => lastUpdated == bound.At,
        });

    /// <summary>The earliest last update the search can match, for the database to start from.</summary>
    public DateTimeOffset? Since => LastUpdated.Where(b => b.Prefix is "gt" or "ge" or "eq").Select(b => (DateTimeOffset?)b.At).Max();

    private static (string, DateTimeOffset) LastUpdatedBound(string value)
    {
        var prefix = value.Length > 2 && char.IsLetter(value[0]) ? value[..2] : "eq";
        var text = prefix == "eq" && !value.StartsWith("eq", StringComparison.Ordinal) ? value : value[2..];
        if (prefix is not ("gt" or "ge" or "lt" or "le" or "eq")) throw Bad("_lastUpdated", $"prefix '{prefix}' is not one of gt, ge, lt, le, eq");
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            throw Bad("_lastUpdated", $"'{text}' is not a date-time (e.g. 2026-12-01T10:00:00Z)");
        return (prefix, at.ToUniversalTime());
    }

    public static FhirRefusedException Bad(string parameter, string message) =>
        new(StatusCodes.Status400BadRequest, [new FhirIssue(OperationOutcome.IssueType.NotSupported, parameter, message)]);
}
