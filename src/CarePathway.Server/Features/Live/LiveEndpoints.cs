using System.Globalization;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Features.Live;

/// <summary>
/// <c>GET /api/changes</c>: server-sent events (same origin, the session's cookie or a bearer token, no script): an
/// event <c>change</c> with the new sequence whenever a pathway or task changed on any node, a comment as heartbeat.
/// A page refetches what it shows on each event; the event carries no data of its own (nothing to authorise).
/// </summary>
internal static class LiveEndpoints
{
    public static void MapLiveEndpoints(this IEndpointRouteBuilder api)
    {
        api.MapGet("/changes", StreamAsync).WithTags("Live").ExcludeFromDescription();
    }

    private static async Task StreamAsync(HttpContext http, ChangeFeed feed, IOptions<LiveUpdateOptions> options, CancellationToken ct)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        // Asks proxies (nginx) not to buffer the stream.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        using var listening = feed.Listen();
        var seen = feed.Sequence;
        // The browser reconnects after this long if the stream drops (a node restarting).
        await http.Response.WriteAsync("retry: 3000\n\n", ct);
        await http.Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
                heartbeat.CancelAfter(options.Value.Heartbeat);
                try
                {
                    await feed.WaitForChangeAsync(seen, heartbeat.Token);
                    seen = feed.Sequence;
                    await http.Response.WriteAsync($"event: change\ndata: {seen.ToString(CultureInfo.InvariantCulture)}\n\n", ct);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": still here\n\n", ct);
                }

                await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away.
        }
    }
}
