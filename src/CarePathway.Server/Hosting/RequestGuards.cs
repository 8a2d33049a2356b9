using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Net.Http.Headers;

namespace CarePathway.Server.Hosting;

/// <summary>
/// Checks every request before an endpoint sees it: the body's size, a JSON body's shape and text
/// (<see cref="JsonBodyCheck"/>), and no NUL character in the query
/// (Kestrel itself refuses one in the path). Refusals are the
/// features' 400 (fields named) or a 413, never a 500 from deep inside a handler or the database.
/// </summary>
internal static class RequestGuards
{
    /// <summary>
    /// 1 MiB: the largest shipped definition is about 30 KB, and no clinical entry comes near it.
    /// Kestrel enforces it too, for bodies the JSON check does not read.
    /// </summary>
    public const int MaxBodyBytes = 1 << 20;

    public static IServiceCollection AddRequestGuards(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = MaxBodyBytes);

    /// <summary>
    /// After the exception handler, so what these throw is answered as problem details, and after
    /// authorization, so a caller who is not signed in hears 401 first.
    /// </summary>
    public static WebApplication UseRequestGuards(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            RefuseNulInQuery(context);
            if (IsJson(context.Request)) await CheckJsonBodyAsync(context.Request, context.RequestAborted);
            await next(context);
        });
        return app;
    }

    /// <summary>Only the parameters the endpoint reads: one it ignores harms nothing, and the document declares 400 only where a parameter is read.</summary>
    private static void RefuseNulInQuery(HttpContext context)
    {
        var read = context.GetEndpoint()?.Metadata.OfType<IParameterBindingMetadata>().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (read is null || read.Count == 0) return;
        var problems = context.Request.Query
            .Where(q => read.Contains(q.Key) && q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true))
            .Select(q => new ValidationProblem(null, q.Key, "must not contain the NUL character"))
            .ToList();
        if (problems.Count > 0) throw new RequestValidationException(problems);
    }

    private static bool IsJson(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the body once (at most <see cref="MaxBodyBytes"/>), checks it, and leaves it for the endpoint to read again.</summary>
    private static async Task CheckJsonBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) throw TooLarge();
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0) return;
        var problems = JsonBodyCheck.Problems(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (problems.Count > 0) throw new RequestValidationException(problems);
        buffer.Position = 0;
        request.Body = buffer;
    }

    private static Microsoft.AspNetCore.Http.BadHttpRequestException TooLarge() =>
        new($"The request body is larger than {MaxBodyBytes / 1024} KiB.", StatusCodes.Status413PayloadTooLarge);
}
