using CarePathway.Server.Features.Fhir.Outbound;
using Hl7.Fhir.Model;

namespace CarePathway.Server.Features.Fhir;

/// <summary>
/// What <c>/fhir</c> supports, exactly: the CapabilityStatement at <c>/fhir/metadata</c>, and the resource types the
/// endpoints are mapped from (<see cref="Writable"/>, <see cref="Readable"/>), so the statement cannot drift from them.
/// </summary>
internal static class FhirCapabilities
{
    /// <summary>Task's FHIR name (the model's class is named as .NET's Task is, so nameof would not do).</summary>
    public const string TaskType = "Task";

    public static readonly IReadOnlyList<string> Writable = [nameof(Observation), nameof(Patient)];

    public static readonly IReadOnlyList<string> Readable =
        [nameof(CarePlan), TaskType, nameof(MedicationAdministration), nameof(PlanDefinition), nameof(Provenance), nameof(Patient), nameof(Observation)];

    public static CapabilityStatement Statement(HttpRequest request) => new()
    {
        Status = PublicationStatus.Active,
        Date = "2026-12-01",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "CarePathway" },
        Implementation = new CapabilityStatement.ImplementationComponent
        {
            Description = "CarePathway clinical care pathways: laboratory results, weights and patients in; care plans, tasks and infusions out",
            Url = $"{request.Scheme}://{request.Host}{FhirEndpoints.Base}",
        },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = [FhirFormat.MediaType, "json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Documentation = $"Bearer token of a signed-in clinician or coordinator, or of a machine client (OAuth 2.0 client credentials) with its scopes: labs:write for Observation, patients:write for Patient, patients:read to read and search. "
                    + $"A search answers pages of {FhirPage.CountParameter} resources (default {FhirPage.DefaultCount}, at most {FhirPage.MaxCount}) sorted by last update; follow the bundle's next link. "
                    + "A Subscription is not offered: poll with _lastUpdated.",
                Security = new CapabilityStatement.SecurityComponent { Description = "Authorization: Bearer <token> on every request but this one." },
                Resource = [.. Writable.Union(Readable).Select(Resource)],
                Interaction =
                [
                    new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Transaction, Documentation = "Observation and Patient entries, all or none; a subject may be a Patient entry's fullUrl" },
                    new CapabilityStatement.SystemInteractionComponent { Code = CapabilityStatement.SystemRestfulInteraction.Batch, Documentation = "each entry on its own" },
                ],
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(string type)
    {
        var writable = Writable.Contains(type);
        var readable = Readable.Contains(type);
        var resource = new CapabilityStatement.ResourceComponent
        {
            Type = type,
            ConditionalCreate = writable ? true : null,
            ConditionalUpdate = writable ? true : null,
            Documentation = type switch
            {
                nameof(Observation) => "Laboratory results (LOINC codes of the lab catalog, UCUM units) and body weight/height. identifier required; status final, amended, corrected (replace the earlier version), preliminary (kept, read by no rule), entered-in-error (withdraws). The same identifier and version again changes nothing.",
                nameof(Patient) => "Created or updated by MRN (the identifier in the configured MRN system): name, birth date, gender.",
                _ => "Generated from the pathways' state.",
            },
        };
        if (writable)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Create });
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Update, Documentation = "conditional, by identifier" });
        }

        if (readable)
        {
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read });
            resource.Interaction.Add(new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType });
            resource.SearchParam.AddRange(FhirSearch.Parameters.Select(p => new CapabilityStatement.SearchParamComponent
            {
                Name = p,
                Type = p switch
                {
                    "patient" => SearchParamType.Reference,
                    "_lastUpdated" => SearchParamType.Date,
                    _ => SearchParamType.Token,
                },
            }));
        }

        return resource;
    }
}
