using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace CarePathway.Web.Tests.Infrastructure;

/// <summary>
/// What went wrong inside a page while a journey ran: API answers of 400 and above (with the start of
/// their body), console errors and uncaught script errors. A wait that times out on CI says only
/// "timeout"; with these beside it the failure says why (a refused request, a script error) without
/// a second run.
/// </summary>
public static class PageProblems
{
    private const int BodyExcerpt = 300;
    private static readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> Recorded = new();

    public static void Record(IPage page)
    {
        var problems = Recorded.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error") problems.Enqueue($"console error: {message.Text}");
        };
        page.PageError += (_, error) => problems.Enqueue($"script error: {error}");
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
            await page.WaitForURLAsync(url);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nthe page is at {page.Url}\n{await DescribeAsync(page)}", e);
        }
    }

    /// <summary>The page's visible alerts and everything recorded, one per line.</summary>
    public static async Task<string> DescribeAsync(IPage page)
    {
        var alerts = await page.GetByRole(AriaRole.Alert).AllInnerTextsAsync();
        var lines = alerts.Select(a => $"alert on screen: {a}")
            .Concat(Recorded.TryGetValue(page, out var problems) ? problems : [])
            .ToList();
        return lines.Count == 0 ? "no alert on screen, no failed request, no script error" : string.Join('\n', lines);
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
