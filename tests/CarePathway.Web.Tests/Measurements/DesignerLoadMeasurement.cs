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
/// definition: until every node is painted on the canvas, and until the validation result is shown.
/// Both are timed inside the page from the start of navigation, so Playwright's polling does not
/// add to them.
/// </summary>
public sealed class DesignerLoadMeasurement(BrowserServer server, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    private const int Activities = 200;
    private const int Runs = 6;

    /// <summary>
    /// Records, in performance.now() milliseconds since navigation, the first frame in which all
    /// nodes are on the canvas and visible (React Flow hides a node until it has measured it), and
    /// the first frame showing the validation answer.
    /// </summary>
    private static readonly string TimingScript = $$"""
        window.__designerTimings = {};
        new MutationObserver(() => {
          const t = window.__designerTimings;
          if (t.nodesPainted === undefined) {
            const nodes = document.querySelectorAll('.react-flow__node');
            if (nodes.length >= {{Activities}} && [...nodes].every(n => n.style.visibility !== 'hidden')) {
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
        }

        foreach (var line in new[]
        {
            $"Designer, {Activities}-activity definition, {Runs} loads (first cold), ms from navigation start:",
            Figures("all nodes painted", painted),
            Figures("validation shown", validated),
        })
        {
            output.WriteLine(line);
            Console.WriteLine(line);
        }

        await Screenshots.SaveAsync(page, "designer-200-activities");
    }

    private static string Figures(string what, List<double> ms) =>
        $"  {what,-18}: mean {ms.Average():F0}, min {ms.Min():F0}, max {ms.Max():F0} ({string.Join(" / ", ms.Select(t => t.ToString("F0")))})";

    /// <summary>Start, 198 delays in a column, End: valid, so the validation answer is part of what is timed.</summary>
    private static JsonObject LargeDefinition(string definitionId)
    {
        var activities = new JsonArray { new JsonObject { ["id"] = "start", ["type"] = "Start", ["position"] = Position(0) } };
        var connections = new JsonArray();
        var previous = "start";
        for (var i = 1; i < Activities - 1; i++)
        {
            var id = $"wait-{i}";
            activities.Add(new JsonObject { ["id"] = id, ["type"] = "Delay", ["name"] = $"Wait {i}", ["inputs"] = new JsonObject { ["duration"] = "1d" }, ["position"] = Position(i) });
            connections.Add(new JsonObject { ["from"] = previous, ["outcome"] = "done", ["to"] = id });
            previous = id;
        }

        activities.Add(new JsonObject { ["id"] = "end", ["type"] = "End", ["position"] = Position(Activities - 1) });
        connections.Add(new JsonObject { ["from"] = previous, ["outcome"] = "done", ["to"] = "end" });
        return new JsonObject { ["definitionId"] = definitionId, ["version"] = 1, ["name"] = "Large pathway", ["activities"] = activities, ["connections"] = connections };
    }

    /// <summary>A 20 × 10 grid, so the whole diagram fits the view.</summary>
    private static JsonObject Position(int index) => new() { ["x"] = index % 20 * 260, ["y"] = index / 20 * 160 };
}
