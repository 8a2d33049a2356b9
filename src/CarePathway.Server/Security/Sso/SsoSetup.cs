using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security.Sso;

/// <summary>
/// The OpenID Connect handler for staff single sign-on: authorization code flow with PKCE, the answer by query (a
/// top-level GET, so the Origin check and SameSite cookies need no exception), claims kept under their own names.
/// It signs in to Identity's external cookie only; <see cref="SsoEndpoints"/> turns that into an account and a session.
/// </summary>
public static class SsoSetup
{
    public const string Scheme = "oidc";

    public const string CallbackPath = "/signin-oidc";

    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public const string RemoteSignOutPath = "/signout-oidc";

    /// <summary>The paths the handler answers itself: no page route may shadow them (see <c>WebApp</c>).</summary>
    public static readonly string[] HandlerPaths = [CallbackPath, SignedOutCallbackPath, RemoteSignOutPath];

    /// <summary>
    /// Registers the handler when <c>Sso:Authority</c> is set; its options come from <see cref="SsoOptions"/>, checked at
    /// start-up (a client id, and a secret or a certificate).
    /// </summary>
    public static AuthenticationBuilder AddSingleSignOn(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        authentication.Services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.SectionName)
            .Validate(sso => !sso.Enabled || !string.IsNullOrWhiteSpace(sso.ClientId), "Sso:Authority is set but Sso:ClientId is not.")
            .Validate(sso => !sso.Enabled || !string.IsNullOrWhiteSpace(sso.ClientSecret) || !string.IsNullOrWhiteSpace(sso.ClientCertificatePath),
                "Sso:Authority is set but neither Sso:ClientSecret nor Sso:ClientCertificatePath is.")
            .ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration["Sso:Authority"])) return authentication;

        authentication.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<IOptions<SsoOptions>>((options, ssoOptions) => Apply(options, ssoOptions.Value));
        return authentication.AddOpenIdConnect(Scheme, "Single sign-on", _ => { });
    }

    private static void Apply(OpenIdConnectOptions options, SsoOptions sso)
    {
        var certificate = string.IsNullOrWhiteSpace(sso.ClientCertificatePath)
            ? null
            : X509CertificateLoader.LoadPkcs12FromFile(sso.ClientCertificatePath, sso.ClientCertificatePassword);
        options.Authority = sso.Authority;
        options.ClientId = sso.ClientId;
        options.ClientSecret = certificate is null ? sso.ClientSecret : null;
        options.ResponseType = "code";
        options.ResponseMode = "query";
        options.UsePkce = true;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        options.CallbackPath = CallbackPath;
        options.SignedOutCallbackPath = SignedOutCallbackPath;
        options.RemoteSignOutPath = RemoteSignOutPath;
        options.RequireHttpsMetadata = sso.RequireHttpsMetadata;
        options.GetClaimsFromUserInfoEndpoint = sso.UseUserInfo;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.Scope.Clear();
        foreach (var scope in sso.Scopes) options.Scope.Add(scope);
        options.TokenValidationParameters.NameClaimType = sso.UserNameClaim;
        // The provider's answer comes back as a top-level navigation from its site: Lax lets these cookies ride along.
        // Secure as the request is (https behind the trusted proxy); always-Secure would lose them on a plain-http trial.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Events.OnRemoteFailure = context =>
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SsoSetup))
                .LogWarning(context.Failure, "Single sign-on failed: {Reason}", context.Failure?.Message);
            context.Response.Redirect("/login?sso=failed");
            context.HandleResponse();
            return Task.CompletedTask;
        };
        if (certificate is not null)
        {
            options.Events.OnAuthorizationCodeReceived = context =>
            {
                var tokenEndpoint = context.Options.Configuration?.TokenEndpoint
                    ?? throw new InvalidOperationException("The provider's discovery document names no token endpoint.");
                context.TokenEndpointRequest!.ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
                context.TokenEndpointRequest.ClientAssertion = ClientAssertion(sso.ClientId!, tokenEndpoint, certificate, context.Options.TimeProvider ?? TimeProvider.System);
                return Task.CompletedTask;
            };
        }
    }

    /// <summary>RFC 7523: a short-lived JWT signed with the client's certificate, naming the client and the token endpoint.</summary>
    private static string ClientAssertion(string clientId, string tokenEndpoint, X509Certificate2 certificate, TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = tokenEndpoint,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, clientId), new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N"))]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(2),
            SigningCredentials = new X509SigningCredentials(certificate),
        });
    }
}
