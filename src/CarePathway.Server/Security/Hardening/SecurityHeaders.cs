namespace CarePathway.Server.Security;

/// <summary>
/// Headers on every response (ASVS 14.4): a content security policy that runs only the app's own scripts and lets no
/// other site frame it, no MIME sniffing, no referrer to other sites, and <c>Cache-Control: no-store</c> on the API
/// (patient data must not stay in a shared browser's or proxy's cache). HSTS outside Development
/// (<c>UseHsts</c>, see <see cref="SecurityExtensions"/>). Kestrel's <c>Server</c> header is off
/// (<see cref="SecurityExtensions.AddSecurity"/>).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The web app: its own scripts only. Styles may be inline (components set them).</summary>
    public const string AppPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (<c>/docs</c>) and the jobs dashboard (<c>/jobs</c>) are pages with inline scripts; they hold no patient data.</summary>
    public const string ToolPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = path.StartsWithSegments("/docs") || path.StartsWithSegments("/jobs") ? ToolPolicy : AppPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/fhir"))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
