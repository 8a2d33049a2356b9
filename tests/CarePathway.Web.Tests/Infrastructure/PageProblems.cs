using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace CarePathway.Web.Tests.Infrastructure;

/// <summary>
/// What went wrong inside a page while a journey ran: API answers of 400 and above (with the start of
/// their body), requests that failed or are still unanswered, console errors and uncaught script errors. A wait that times out on CI says only
/// "timeout"; with these beside it the failure says why (a refused request, a script error) without
/// a second run.
/// </summary>
public static class PageProblems
{
    private const int BodyExcerpt = 300;
    private static readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> Recorded = new();

    /// <summary>The API requests a page has sent and not yet had answered, with when they were sent.</summary>
    private static readonly ConditionalWeakTable<IPage, ConcurrentDictionary<IRequest, DateTimeOffset>> Pending = new();

    public static void Record(IPage page)
    {
        var problems = Recorded.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") problems.Enqueue($"console error: {message.Text}");
        };
        page.PageError += (_, error) => problems.Enqueue($"script error: {error}");
        var pending = Pending.GetOrCreateValue(page);
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/", StringComparison.Ordinal)) pending[request] = TimeProvider.System.GetUtcNow();
        };
        page.RequestFinished += (_, request) => pending.TryRemove(request, out DateTimeOffset _);
        page.RequestFailed += (_, request) =>
        {
            pending.TryRemove(request, out DateTimeOffset _);
            problems.Enqueue($"{request.Method} {request.Url} failed: {request.Failure}");
        };
        page.Response += async (_, response) =>
        {
            if (response.Status < 400) return;
            var body = await BodyOf(response);
            problems.Enqueue($"{response.Request.Method} {response.Url} answered {response.Status}: {body}");
        };
    }

    /// <summary>Waits for the page to reach <paramref name="url"/>; on a timeout, says where it is and what it recorded.</summary>
    public static async Task WaitForUrlAsync(IPage page, string url)
    {
        try
        {
            // The app moves between its pages by the history API. Playwright's WaitForURL waits on navigation events
            // and was seen (in CI, and here) to time out with the page already at the URL; polling the URL does not.
            await Assertions.Expect(page).ToHaveURLAsync(GlobPattern(url), new() { Timeout = 15_000 });
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw new TimeoutException($"{e.Message}\nthe page is at {page.Url}\n{await DescribeAsync(page)}", e);
        }
    }

    /// <summary>A URL glob as Playwright reads one ("**" any characters, "*" any but a slash) as a whole-URL pattern.</summary>
    private static System.Text.RegularExpressions.Regex GlobPattern(string glob) =>
        new("^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*") + "$");

    /// <summary>The page's visible alerts and everything recorded, one per line.</summary>
    public static async Task<string> DescribeAsync(IPage page)
    {
        var alerts = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
        var now = TimeProvider.System.GetUtcNow();
        var unanswered = Pending.TryGetValue(page, out var pending)
            ? pending.Select(p => $"{p.Key.Method} {p.Key.Url} sent {(now - p.Value).TotalSeconds:F1} s ago, not answered yet")
            : [];
        var lines = alerts.Select(a => $"alert on screen: {a}")
            .Concat(Recorded.TryGetValue(page, out var problems) ? problems : [])
            .Concat(unanswered)
            .ToList();
        return lines.Count == 0 ? "no alert on screen, no failed or unanswered request, no script error" : string.Join('\n', lines);
    }

    private static async Task<string> BodyOf(IResponse response)
    {
        try
        {
            var text = await response.TextAsync();
            return text.Length <= BodyExcerpt ? text : text[..BodyExcerpt] + "…";
        }
        catch (PlaywrightException)
        {
            return "(body not available)";
        }
    }
}
