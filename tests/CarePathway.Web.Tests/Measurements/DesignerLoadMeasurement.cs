using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Measurements;

/// <summary>
/// Measures (prints, never asserts a time) how long the designer takes to open a 200-activity
/// definition with no stored positions: until it is laid out, fitted to the screen and every node and connection is
/// painted, and until the validation result is shown.
/// Both are timed inside the page from the start of navigation, so Playwright's polling does not
/// add to them.
/// </summary>
public sealed class DesignerLoadMeasurement(BrowserServer server, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    private const int Activities = 200;
    private const int Runs = 6;

    /// <summary>
    /// Records, in performance.now() milliseconds since navigation, the first frame in which the
    /// diagram is laid out and fitted to the screen with every node drawn (React Flow hides a node
    /// until it has measured it) and every connection drawn (React Flow draws one once it knows where its
    /// node's handles are), and the first frame showing the validation answer.
    /// </summary>
    private static readonly string TimingScript = $$"""
        window.__designerTimings = {};
        new MutationObserver(() => {
          const t = window.__designerTimings;
          if (t.nodesPainted === undefined) {
            const nodes = document.querySelectorAll('.react-flow__node');
            const fitted = document.querySelector('.react-flow__viewport')?.style.transform.includes('scale(1)') === false;
            if (fitted && nodes.length >= {{Activities}} && document.querySelectorAll('.react-flow__edge').length >= {{Connections}}
                && [...nodes].every(n => n.style.visibility !== 'hidden')) {
              t.nodesPainted = -1;
              requestAnimationFrame(() => t.nodesPainted = performance.now());
            }
          }
          if (t.validationShown === undefined && document.querySelector('.problems')?.textContent.includes('No problems')) {
            t.validationShown = -1;
            requestAnimationFrame(() => t.validationShown = performance.now());
          }
        }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        """;

    [Fact]
    public async Task The_designer_opens_a_200_activity_definition_and_reports_how_long_it_took()
    {
        var definitionId = "large-" + Guid.NewGuid().ToString("N")[..8];
        await (await (await server.Api.Administrator).PostJsonAsync("/api/definitions", LargeDefinition(definitionId))).ExpectAsync(HttpStatusCode.Created);
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.AddInitScriptAsync(TimingScript);

        var painted = new List<double>();
        var validated = new List<double>();
        for (var run = 0; run < Runs; run++)
        {
            await page.GotoAsync($"/designer/{definitionId}/1");
            await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(Activities, new() { Timeout = 30_000 });
            await Expect(page.GetByText("No problems: this version can be published.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.WaitForFunctionAsync("() => window.__designerTimings.nodesPainted > 0 && window.__designerTimings.validationShown > 0");
            painted.Add(await page.EvaluateAsync<double>("() => window.__designerTimings.nodesPainted"));
            validated.Add(await page.EvaluateAsync<double>("() => window.__designerTimings.validationShown"));
            Report($"Designer load {run + 1}/{Runs}{(run == 0 ? " (cold)" : "")}: opened in {painted[^1]:F0} ms (laid out, fitted, every node and connection painted), validation shown at {validated[^1]:F0} ms");
        }

        foreach (var line in new[]
        {
            $"Designer, {Activities}-activity definition, {Runs} loads (first cold), ms from navigation start:",
            Figures("opened (laid out, fitted, painted)", painted),
            Figures("validation shown", validated),
        })
        {
            Report(line);
        }

        await Screenshots.SaveAsync(page, "designer-200-activities");
    }

    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static string Figures(string what, List<double> ms) =>
        $"  {what,-34}: mean {ms.Average():F0}, min {ms.Min():F0}, max {ms.Max():F0} ({string.Join(" / ", ms.Select(t => t.ToString("F0")))})";

    private const int Branches = 14;

    /// <summary>Start → fork, each branch's fork → first, its delays one to the next, last → join, join → End.</summary>
    private const int Connections = 1 + (Branches * ((Activities - 4) / Branches + 1)) + 1;

    /// <summary>
    /// Start, a fork into 14 branches of 14 delays each, their join, End (200 activities): valid, so the validation
    /// answer is part of what is timed, and with no positions, so the designer lays it out as it opens.
    /// </summary>
    private static JsonObject LargeDefinition(string definitionId)
    {
        var branchNames = Enumerable.Range(1, Branches).Select(b => $"branch-{b}").ToList();
        var activities = new JsonArray
        {
            new JsonObject { ["id"] = "start", ["type"] = "Start" },
            new JsonObject { ["id"] = "fork", ["type"] = "Fork", ["inputs"] = new JsonObject { ["branches"] = new JsonArray([.. branchNames.Select(n => JsonValue.Create(n))]) } },
        };
        var connections = new JsonArray { Connection("start", "done", "fork") };
        foreach (var (branch, b) in branchNames.Select((n, i) => (n, i + 1)))
        {
            var previous = ("fork", branch);
            for (var i = 1; i <= (Activities - 4) / Branches; i++)
            {
                var id = $"wait-{b}-{i}";
                activities.Add(new JsonObject { ["id"] = id, ["type"] = "Delay", ["name"] = $"Wait {b}.{i}", ["inputs"] = new JsonObject { ["duration"] = "1d" } });
                connections.Add(Connection(previous.Item1, previous.Item2, id));
                previous = (id, "done");
            }

            connections.Add(Connection(previous.Item1, previous.Item2, "join"));
        }

        activities.Add(new JsonObject { ["id"] = "join", ["type"] = "Join" });
        activities.Add(new JsonObject { ["id"] = "end", ["type"] = "End" });
        connections.Add(Connection("join", "done", "end"));
        return new JsonObject { ["definitionId"] = definitionId, ["version"] = 1, ["name"] = "Large pathway", ["activities"] = activities, ["connections"] = connections };
    }

    private static JsonObject Connection(string from, string outcome, string to) => new() { ["from"] = from, ["outcome"] = outcome, ["to"] = to };
}
