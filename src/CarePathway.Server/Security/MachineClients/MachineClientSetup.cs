using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Security.Sso;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security.MachineClients;

/// <summary>
/// JWT bearer validation of the provider's client-credentials tokens (issuer, audience, lifetime and signature from
/// its discovery document), and the gate after it: a client reaches only the endpoints its scopes allow, and every
/// call it makes is audited under its name (<c>client:&lt;id&gt;</c>, which no user name can be: Identity refuses ':').
/// </summary>
public static class MachineClientSetup
{
    public const string Scheme = "MachineClient";

    /// <summary>The claim holding the client's name as the audit and the journal show it.</summary>
    public const string ClientNameClaim = "cp_client";

    public const string CallAction = "client.call";

    /// <summary>Whether machine clients are configured (an issuer here or for single sign-on).</summary>
    public static bool Enabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["MachineClients:Authority"]) || !string.IsNullOrWhiteSpace(configuration["Sso:Authority"]);

    public static AuthenticationBuilder AddMachineClients(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.Services.AddOptions<MachineClientOptions>().BindConfiguration(MachineClientOptions.SectionName);
        if (!Enabled(configuration)) return authentication;

        authentication.Services.AddOptions<JwtBearerOptions>(Scheme).Configure<IOptions<MachineClientOptions>, IOptions<SsoOptions>>((options, clientOptions, sso) =>
        {
            var clients = clientOptions.Value;
            options.Authority = string.IsNullOrWhiteSpace(clients.Authority) ? sso.Value.Authority : clients.Authority;
            options.RequireHttpsMetadata = clients.RequireHttpsMetadata;
            options.MapInboundClaims = false;
            options.TokenValidationParameters.AuthenticationType = Scheme;
            options.TokenValidationParameters.NameClaimType = ClientNameClaim;
            options.TokenValidationParameters.ValidateAudience = !string.IsNullOrWhiteSpace(clients.Audience);
            options.TokenValidationParameters.ValidAudience = clients.Audience;
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    var identity = (ClaimsIdentity)context.Principal!.Identity!;
                    var clientId = identity.FindFirst(clients.ClientIdClaim)?.Value ?? identity.FindFirst("sub")?.Value;
                    if (string.IsNullOrEmpty(clientId)) context.Fail($"The token has no {clients.ClientIdClaim} claim.");
                    else identity.AddClaim(new Claim(ClientNameClaim, "client:" + clientId));
                    return Task.CompletedTask;
                },
            };
        });
        return authentication.AddJwtBearer(Scheme, _ => { });
    }

    /// <summary>Whether a bearer token is a JWT (three dot-separated parts) rather than one of Identity's own opaque tokens.</summary>
    public static bool IsJwt(string authorization) =>
        authorization.Length > 7 && authorization.AsSpan(7).Count('.') == 2;

    public static bool IsMachineClient(ClaimsPrincipal principal) =>
        principal.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };

    /// <summary>The token's scopes: a space-separated <c>scope</c> claim, or one <c>scp</c> claim per scope (Entra ID).</summary>
    public static IReadOnlySet<string> ScopesOf(ClaimsPrincipal principal) =>
        principal.FindAll("scope").Concat(principal.FindAll("scp"))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>After authentication: a machine client reaches only endpoints its scopes allow; each call is audited.</summary>
    public static IApplicationBuilder UseMachineClientGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // An endpoint open to anonymous callers (health, the API description) is open to a client too.
            if (!IsMachineClient(context.User) || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                await next(context);
                return;
            }

            var name = context.User.Identity!.Name ?? "client:unknown";
            var audit = context.RequestServices.GetRequiredService<AccessAudit>();
            var call = $"{context.Request.Method} {context.Request.Path}";
            var allowed = context.GetEndpoint()?.Metadata.GetOrderedMetadata<MachineScopeMetadata>().Select(m => m.Scope).ToList() ?? [];
            var scopes = ScopesOf(context.User);
            if (!allowed.Any(scopes.Contains))
            {
                await audit.WriteAsync(name, CallAction, null, false, $"{call}: refused, needs {(allowed.Count == 0 ? "a person" : string.Join(" or ", allowed))}", context.RequestAborted);
                throw new ForbiddenException(allowed.Count == 0
                    ? "Machine clients may not call this operation."
                    : $"The client's token has none of the scopes this operation needs: {string.Join(", ", allowed)}.");
            }

            try
            {
                await next(context);
            }
            catch (Exception ex)
            {
                await audit.WriteAsync(name, CallAction, null, false, $"{call}: {ex.GetType().Name}", CancellationToken.None);
                throw;
            }

            await audit.WriteAsync(name, CallAction, null, context.Response.StatusCode < 400, $"{call}: {context.Response.StatusCode}", CancellationToken.None);
        });
}
