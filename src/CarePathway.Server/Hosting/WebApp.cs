using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CarePathway.Server.Hosting;

/// <summary>
/// Serves the built web app (src/CarePathway.Web, copied by the build into <c>webapp/</c> next to
/// the server): its files, and <c>index.html</c> for any other page route outside <c>/api</c> so the
/// app's own router handles deep links. <c>WebApp:Folder</c> overrides the folder.
/// </summary>
public static class WebApp
{
    public const string FolderKey = "WebApp:Folder";

    /// <summary>Static files, before authentication: the app's code and styles hold no data.</summary>
    public static WebApplication UseWebAppFiles(this WebApplication app)
    {
        if (Files(app) is not { } files) return app;
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
        return app;
    }

    /// <summary>The page routes: <c>index.html</c> (never cached, so a new build is picked up at once); <c>/api</c> stays 404.</summary>
    public static WebApplication MapWebApp(this WebApplication app)
    {
        if (Files(app) is not { } files)
        {
            app.Logger.LogWarning("The web app is not built ({Folder} has no index.html): only the API is served.", Folder(app));
            return app;
        }

        var index = files.GetFileInfo("index.html");
        app.MapFallback(async context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                context.Response.ContentType = "text/html; charset=utf-8";
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.SendFileAsync(index, context.RequestAborted);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static string Folder(WebApplication app) => app.Configuration[FolderKey] ?? Path.Combine(AppContext.BaseDirectory, "webapp");

    private static PhysicalFileProvider? Files(WebApplication app)
    {
        var folder = Folder(app);
        return File.Exists(Path.Combine(folder, "index.html")) ? new PhysicalFileProvider(Path.GetFullPath(folder)) : null;
    }
}
