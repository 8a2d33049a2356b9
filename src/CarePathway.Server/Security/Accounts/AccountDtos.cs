namespace CarePathway.Server.Security.Accounts;

/// <summary>An account as administrators see it.</summary>
/// <param name="Id">Identity's user id (the route's <c>{id}</c>).</param>
/// <param name="UserName">What the user signs in with.</param>
/// <param name="DisplayName">Shown in the app and the journal.</param>
/// <param name="Email">Optional.</param>
/// <param name="Roles">coordinator, clinician, administrator: any of them, several allowed.</param>
/// <param name="Disabled">Disabled by an administrator: no sign-in, every session ended.</param>
/// <param name="DisabledAt">When it was disabled.</param>
/// <param name="LastSignInAt">The last successful sign-in, by password or single sign-on.</param>
/// <param name="LockedOutUntil">Locked after too many failed passwords, until then.</param>
/// <param name="HasPassword">Can sign in with a local password (else only through single sign-on).</param>
/// <param name="ExternalLogins">The identity providers the account is linked to.</param>
/// <param name="Services">The codes of the services the user holds: they see and act on those services' patients.</param>
public sealed record AccountSummary(
    string Id,
    string UserName,
    string DisplayName,
    string? Email,
    IReadOnlyList<string> Roles,
    bool Disabled,
    DateTimeOffset? DisabledAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedOutUntil,
    bool HasPassword,
    IReadOnlyList<string> ExternalLogins,
    IReadOnlyList<string> Services);

/// <param name="UserName">Unique; letters, digits and <c>-._@+</c>.</param>
/// <param name="DisplayName">Defaults to the user name.</param>
/// <param name="Email">Optional.</param>
/// <param name="Password">At least 12 characters; omit for an account that signs in only through single sign-on.</param>
/// <param name="Roles">Any of coordinator, clinician, administrator (several allowed, none allowed).</param>
/// <param name="Services">Codes of the services the user holds (several allowed, none allowed).</param>
public sealed record CreateAccountRequest(string? UserName, string? DisplayName, string? Email, string? Password, IReadOnlyList<string>? Roles,
    IReadOnlyList<string>? Services = null);

public sealed record SetRolesRequest(IReadOnlyList<string>? Roles);

/// <param name="Services">Every service the user is to hold, by code (the rest are taken away).</param>
public sealed record SetServicesRequest(IReadOnlyList<string>? Services);

public sealed record ResetPasswordRequest(string? Password);
