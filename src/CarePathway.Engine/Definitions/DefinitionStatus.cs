using System.Text.Json.Serialization;

namespace CarePathway.Engine.Definitions;

/// <summary>
/// Lifecycle of a definition version: draft -> (awaiting approval ->) published -> retired. Published versions never change. The server's
/// DefinitionLifecycle is where a version moves on (it refuses anything else with a 409).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<DefinitionStatus>))]
public enum DefinitionStatus
{
    /// <summary>Being edited; cannot start instances.</summary>
    [JsonStringEnumMemberName("draft")] Draft,

    /// <summary>Asked to be published with a change to a clinical parameter: fixed, and waits for a second person's approval.</summary>
    [JsonStringEnumMemberName("awaiting-approval")] AwaitingApproval,

    /// <summary>The one version new instances start on.</summary>
    [JsonStringEnumMemberName("published")] Published,

    /// <summary>Replaced by a later published version; its instances run on.</summary>
    [JsonStringEnumMemberName("retired")] Retired,
}
