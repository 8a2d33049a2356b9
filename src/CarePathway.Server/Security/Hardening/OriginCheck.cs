using CarePathway.Engine.Runtime;

namespace CarePathway.Server.Security;

/// <summary>
/// Cross-site request forgery defence for the cookie (ASVS 4.2.2, 50.4): an unsafe request (POST, PUT, PATCH, DELETE)
/// without a bearer token is refused with 403 when a browser says it comes from another site: an <c>Origin</c> that
/// is not this server's own, or, without one, <c>Sec-Fetch-Site: cross-site</c>/<c>same-site</c>. The web app is
/// served from the same origin, so its requests pass; a form or script on another site does not, even for body-less
/// POSTs (resume, publish, retire) and the cookie sign-in itself. SameSite=Strict on the cookie is the second line.
/// Clients that are not browsers send neither header and authenticate with bearer tokens anyway.
/// </summary>
public static class OriginCheck
{
    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (IsUnsafe(request.Method) && !SecurityExtensions.HasBearerToken(request) && CrossSite(request) is { } why)
            {
                throw new ForbiddenException($"Cross-site request refused: {why}.");
            }

            return next(context);
        });

    private static bool IsUnsafe(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    private static string? CrossSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = $"{request.Scheme}://{request.Host}";
            return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? null : $"Origin {origin} is not {own}";
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "cross-site" or "same-site" ? $"Sec-Fetch-Site is {site}" : null;
    }
}
