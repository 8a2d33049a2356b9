using System.Diagnostics;
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
/// definition, from navigation until every node is drawn and the validation has answered.
/// </summary>
public sealed class DesignerLoadMeasurement(BrowserServer server, ITestOutputHelper output) : IClassFixture<BrowserServer>
{
    private const int Activities = 200;

    [Fact]
    public async Task The_designer_opens_a_200_activity_definition_and_reports_how_long_it_took()
    {
        var definitionId = "large-" + Guid.NewGuid().ToString("N")[..8];
        await (await (await server.Api.Administrator).PostJsonAsync("/api/definitions", LargeDefinition(definitionId))).ExpectAsync(HttpStatusCode.Created);
        var page = await server.SignInAsync(DemoUsers.Administrator);

        var timings = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            await page.GotoAsync($"/designer/{definitionId}/1");
            await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(Activities, new() { Timeout = 30_000 });
            await Expect(page.GetByText("No problems: this version can be published.")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            timings.Add(clock.Elapsed.TotalMilliseconds);
        }

        var line = $"Designer, {Activities}-activity definition: opened in {string.Join(" / ", timings.Select(t => $"{t:F0} ms"))} (cold / warm / warm; navigation to all nodes drawn and validated)";
        output.WriteLine(line);
        Console.WriteLine(line);
        await Screenshots.SaveAsync(page, "designer-200-activities");
    }

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
