using CarePathway.Server.Security.Sso;
using Microsoft.Extensions.FileProviders;

namespace CarePathway.Server.Hosting;

/// <summary>
/// Serves the built web app (src/CarePathway.Web, copied by the build into <c>webapp/</c> next to
/// the server): its files, and <c>index.html</c> for any other page route outside <c>/api</c> so the
/// app's own router handles deep links. <c>WebApp:Folder</c> overrides the folder.
/// </summary>
public static class WebApp
{
    public const string FolderKey = "WebApp:Folder";

    /// <summary>
    /// Before authentication: the app's code and styles hold no data. Page routes are answered by
    /// middleware rather than a fallback endpoint, so no anonymous endpoint is added and anything
    /// under <c>/api</c> (or any route the app maps) is never shadowed. Nor are the single sign-on handler's own
    /// paths, which it answers later, in authentication: a page there would swallow the provider's answer.
    /// </summary>
    public static WebApplication UseWebApp(this WebApplication app)
    {
        var folder = app.Configuration[FolderKey] ?? Path.Combine(AppContext.BaseDirectory, "webapp");
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            app.Logger.LogWarning("The web app is not built ({Folder} has no index.html): only the API is served.", folder);
            return app;
        }

        var files = new PhysicalFileProvider(Path.GetFullPath(folder));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            // Vite puts a content hash in every asset name, so an asset never changes under its name.
            OnPrepareResponse = context =>
            {
                if (context.Context.Request.Path.StartsWithSegments("/assets"))
                    context.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            },
        });

        var index = files.GetFileInfo("index.html");
        app.Use(async (context, next) =>
        {
            if (!IsPageRoute(context))
            {
                await next(context);
                return;
            }

            // Never cached, so a new build is picked up at once.
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(index, context.RequestAborted);
        });
        return app;
    }

    private static bool IsPageRoute(HttpContext context) =>
        context.GetEndpoint() is null
        && HttpMethods.IsGet(context.Request.Method)
        && !context.Request.Path.StartsWithSegments("/api")
        && !Path.HasExtension(context.Request.Path.Value)
        && !SsoSetup.HandlerPaths.Any(path => context.Request.Path.StartsWithSegments(path));
}
