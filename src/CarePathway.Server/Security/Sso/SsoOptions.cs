namespace CarePathway.Server.Security.Sso;

/// <summary>Single sign-on with the hospital's OpenID Connect provider (configuration section <c>Sso</c>); off while <see cref="Authority"/> is unset.</summary>
public sealed class SsoOptions
{
    public const string SectionName = "Sso";

    /// <summary>The provider's issuer URL: its discovery document is <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The client secret; or authenticate with <see cref="ClientCertificatePath"/> instead (private_key_jwt).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A PKCS#12 file whose key signs the client's assertion at the token endpoint (RFC 7523), instead of a secret.</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>The sign-in page's button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "single sign-on";

    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The claim that names the account: matched to an existing user name on the first sign-in (linking it), or the new account's.</summary>
    public string UserNameClaim { get; set; } = "preferred_username";

    /// <summary>
    /// Where the provider's roles are: a claim type (Entra ID: <c>roles</c>; groups: <c>groups</c>), or a path into a JSON claim
    /// (Keycloak: <c>realm_access.roles</c>). Unset: roles are the administrator's to set.
    /// </summary>
    public string? RolesClaim { get; set; }

    /// <summary>Provider value → product role (a group id or app role name → <c>clinician</c>); without it the values must be the product's role names.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = [];

    /// <summary>Whether the sign-in page offers user name and password at all (administrators included).</summary>
    public bool AllowLocalPasswords { get; set; } = true;

    /// <summary>Whether a first sign-in of someone with no account creates one (with no roles unless the provider gives them).</summary>
    public bool CreateAccounts { get; set; } = true;

    /// <summary>Off only for a test provider on plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Read more claims (roles, groups) from the provider's userinfo endpoint, for providers that keep them out of the id token.</summary>
    public bool UseUserInfo { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
