namespace CarePathway.Server.Security.MachineClients;

/// <summary>
/// Integrations (a lab feed, an EHR) calling with OAuth 2.0 client-credentials tokens from the provider (configuration
/// section <c>MachineClients</c>); off while no authority is set here or in <c>Sso:Authority</c>.
/// </summary>
public sealed class MachineClientOptions
{
    public const string SectionName = "MachineClients";

    /// <summary>The token issuer; defaults to <c>Sso:Authority</c>. Its discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the tokens must carry (the API's identifier at the provider, e.g. <c>api://carepathway</c>).</summary>
    public string? Audience { get; set; }

    /// <summary>The claim that names the client (Entra ID: <c>azp</c> or <c>appid</c>; Keycloak and OpenIddict: <c>client_id</c>).</summary>
    public string ClientIdClaim { get; set; } = "client_id";

    public bool RequireHttpsMetadata { get; set; } = true;
}
