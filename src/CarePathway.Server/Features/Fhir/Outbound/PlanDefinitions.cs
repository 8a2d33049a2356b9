using CarePathway.Engine.Definitions;
using CarePathway.Server.Persistence;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>A published (or retired) definition version as a PlanDefinition: the pathway, its version, status and activities.</summary>
internal static class PlanDefinitions
{
    public static string Id(string definitionId, int version) => $"{definitionId}-v{version}";

    /// <summary>The canonical URL a CarePlan names the version it follows by.</summary>
    public static string Canonical(string definitionId, int version) => $"urn:carepathway:plandefinition:{definitionId}|{version}";

    public static DateTimeOffset LastUpdated(DefinitionVersion version) => version.RetiredAt ?? version.PublishedAt ?? version.CreatedAt;

    public static PlanDefinition From(DefinitionVersion version)
    {
        var definition = DefinitionJson.Read(version.Json).Definition;
        return new PlanDefinition
        {
            Id = Id(version.DefinitionId, version.Version),
            Meta = FhirReferences.Meta(LastUpdated(version)),
            Url = $"urn:carepathway:plandefinition:{version.DefinitionId}",
            Version = version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Title = version.Name,
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/plan-definition-type", "clinical-protocol"),
            Status = Status(version.Status),
            Date = version.PublishedAt is { } published ? FhirReferences.DateTime(published) : null,
            Description = string.IsNullOrWhiteSpace(definition?.Description) ? null : definition.Description,
            Action = [.. (definition?.Activities ?? []).Select(a => new PlanDefinition.ActionComponent
            {
                ElementId = a.Id,
                Title = a.Name ?? a.Id,
                Code = [new CodeableConcept { Text = a.Type }],
            })],
        };
    }

    public static string StatusCode(DefinitionStatus status) => Status(status).GetLiteral();

    private static PublicationStatus Status(DefinitionStatus status) => status switch
    {
        DefinitionStatus.Published => PublicationStatus.Active,
        DefinitionStatus.Retired => PublicationStatus.Retired,
        _ => PublicationStatus.Draft,
    };
}
