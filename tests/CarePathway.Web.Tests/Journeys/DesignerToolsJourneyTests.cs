using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// The designer's tools: comparing two versions, running a scenario through the simulator, and
/// seeing where the running instances of a version are.
/// </summary>
public sealed class DesignerToolsJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    /// <summary>A copy of the sample under a new id, published as version 1 (so each test owns its pathway).</summary>
    private async Task<(string Id, JsonObject Document)> PublishedSampleCopyAsync()
    {
        var admin = await server.Api.Administrator;
        var document = await server.Api.SampleCopyAsync();
        var id = document.Str("definitionId");
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await server.Api.PublishAsync(id, 1);
        return (id, document);
    }

    [Fact]
    public async Task An_administrator_compares_a_draft_with_the_published_version_and_sees_what_was_added_and_changed()
    {
        var (id, document) = await PublishedSampleCopyAsync();
        // Version 2 adds a reminder and lengthens the follow-up.
        ((JsonArray)document["activities"]!).Add(new JsonObject
        {
            ["id"] = "call-family", ["type"] = "Reminder", ["position"] = new JsonObject { ["x"] = 900, ["y"] = 600 },
            ["inputs"] = new JsonObject { ["kind"] = "call-family", ["role"] = "coordinator", ["title"] = "Call the family" },
        });
        ((JsonArray)document["parameters"]!).Single(p => p!.Str("name") == "followUpAfter")!["default"] = "6w";
        await (await (await server.Api.Administrator).PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/2");

        // Keyboard: the tool opens from the toolbar with Enter.
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare versions" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var compare = page.GetByRole(AriaRole.Region, new() { Name = "Compare versions" });
        await Expect(compare.GetByLabel("From")).ToHaveValueAsync("1");
        await Expect(compare.GetByLabel("to", new() { Exact = true })).ToHaveValueAsync("current");

        await Expect(compare.Locator(".diff-added").Filter(new() { HasText = "Activity call-family" })).ToContainTextAsync("Reminder");
        var parameter = compare.Locator(".diff-changed").Filter(new() { HasText = "Parameter followUpAfter" });
        await Expect(parameter.GetByRole(AriaRole.Row, new() { Name = "default" })).ToContainTextAsync("4w6w");
        await Expect(page.Locator(".react-flow__node[data-id='call-family'] .activity-node")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("change-added"));
        await Screenshots.SaveAsync(page, "designer-compare");

        // An edit made here shows at once against the published version.
        await Expect(page.GetByLabel("Parameter 4 name", new() { Exact = true })).ToHaveValueAsync("followUpAfter");
        await page.GetByLabel("Parameter 4 default", new() { Exact = true }).FillAsync("8w");
        await Expect(parameter.GetByRole(AriaRole.Row, new() { Name = "default" })).ToContainTextAsync("4w8w");
    }

    [Fact]
    public async Task An_administrator_runs_a_scenario_from_the_designer_and_reads_the_timeline()
    {
        var (id, _) = await PublishedSampleCopyAsync();
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run scenario" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Run scenario" });
        var scenario = panel.GetByLabel("Scenario (JSON)");
        await Expect(scenario).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"\"pathway\": \"{id}\""));

        // The prefilled template runs the pathway to its end.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("ends completed");

        // A run that ends waiting says on what, in red: 30 days end within the follow-up's four weeks.
        await scenario.FillAsync($$"""
            { "pathway": "{{id}}", "patient": { "birthDate": "2014-01-05", "sex": "female", "weightKg": 40, "facts": { "vertebralLesion": true } }, "until": 30 }
            """);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("ends running");
        var waiting = panel.GetByRole(AriaRole.Alert, new() { Name = "Still waiting" });
        await Expect(waiting).ToContainTextAsync("timer at follow-up, since day 3 (due day 31)");
        await Expect(waiting).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("banner-error"));

        // A scenario the server cannot read is refused naming the field.
        await scenario.FillAsync($$"""{ "pathway": "{{id}}" }""");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Alert)).ToContainTextAsync("scenario.patient");

        await scenario.FillAsync($$"""
            {
              "pathway": "{{id}}",
              "patient": { "birthDate": "2014-01-05", "sex": "female", "weightKg": 40, "facts": { "vertebralLesion": true } },
              "answers": { "tasks": { "escalation-approval": [ { "outcome": "approved", "afterDays": 2 } ] } },
              "until": 365
            }
            """);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("ends completed");
        var approved = panel.GetByRole(AriaRole.Row).Filter(new() { HasText = "kind: escalation-approval" }).Filter(new() { HasText = "task completed" });
        await Expect(approved).ToContainTextAsync("outcome: approved");
        await Expect(approved.Locator("td").First).ToHaveTextAsync("2");
        await Screenshots.SaveAsync(page, "designer-scenario");

        // An entry's activity selects it on the diagram.
        await approved.GetByRole(AriaRole.Button, new() { Name = "Select escalation-approval on the diagram" }).ClickAsync();
        await Expect(page.Locator(".react-flow__node[data-id='escalation-approval']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
    }

    [Fact]
    public async Task An_administrator_builds_a_scenario_with_the_form_runs_it_and_the_json_view_shows_the_same_scenario()
    {
        var (id, _) = await PublishedSampleCopyAsync();
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run scenario" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Run scenario" });
        await Expect(panel.GetByLabel("Scenario (JSON)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"\"pathway\": \"{id}\""));
        await panel.GetByRole(AriaRole.Tab, new() { Name = "Form" }).ClickAsync();

        // A bad entry is named next to its field.
        var weight = panel.GetByLabel("Weight (kg)");
        await weight.FillAsync("forty");
        var weightField = panel.Locator(".field", new() { Has = page.GetByLabel("Weight (kg)") });
        await Expect(weightField).ToContainTextAsync("Must be a number above 0.");
        await weight.FillAsync("45");
        await Expect(weightField.Locator(".field-error")).ToHaveCountAsync(0);

        // A creatinine on day 5, from the lab catalog.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add lab" }).ClickAsync();
        var lab = panel.GetByRole(AriaRole.Group, new() { Name = "Lab 1" });
        await lab.GetByLabel("Day").FillAsync("5");
        await lab.GetByLabel("Lab", new() { Exact = true }).SelectOptionAsync("2160-0");
        await lab.GetByLabel("Value").FillAsync("x");
        await Expect(lab).ToContainTextAsync("Must be a number.");
        await lab.GetByLabel("Value").FillAsync("0.7");
        await Expect(lab.GetByLabel("Unit")).ToHaveValueAsync("mg/dL");

        // The NSAID review is answered "stop", an outcome of that task.
        // The template's answers are in the pathway's order: the NSAID start reminder, then the review.
        var review = panel.GetByRole(AriaRole.Group, new() { Name = "Answer 2" });
        await Expect(review.GetByLabel("Task")).ToHaveValueAsync("nsaid-review");
        await review.GetByLabel("Outcome").SelectOptionAsync("stop");

        await panel.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("ends completed");
        await Expect(panel.GetByRole(AriaRole.Row).Filter(new() { HasText = "lab resulted" })).ToContainTextAsync("code: 2160-0");
        await Expect(panel.GetByRole(AriaRole.Row).Filter(new() { HasText = "kind: nsaid-review" }).Filter(new() { HasText = "task completed" })).ToContainTextAsync("outcome: stop");
        await Screenshots.SaveAsync(page, "designer-scenario-form");

        await panel.GetByRole(AriaRole.Tab, new() { Name = "JSON" }).ClickAsync();
        var json = JsonNode.Parse(await panel.GetByLabel("Scenario (JSON)").InputValueAsync())!;
        Assert.Equal(45, json["patient"]!["weightKg"]!.GetValue<int>());
        var labEvent = json["events"]!.AsArray().Single(e => e!["lab"] is not null)!;
        Assert.Equal((5, "2160-0", 0.7m, "mg/dL"), (labEvent["day"]!.GetValue<int>(), labEvent["lab"]!.Str("code"), labEvent["lab"]!["value"]!.GetValue<decimal>(), labEvent["lab"]!.Str("unit")));
        Assert.Equal("stop", json["answers"]!["activities"]!["nsaid-review"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_scenario_on_a_pathway_that_loops_stops_at_the_servers_limit_and_the_designer_says_so()
    {
        var id = "loop-" + Guid.NewGuid().ToString("N")[..8];
        var loop = JsonNode.Parse($$"""
            {
              "definitionId": "{{id}}", "version": 1, "name": "Ticks every second",
              "activities": [
                { "id": "start", "type": "Start", "position": { "x": 0, "y": 0 } },
                { "id": "tick", "type": "Delay", "inputs": { "duration": "1s" }, "position": { "x": 0, "y": 120 } },
                { "id": "again", "type": "Decision", "inputs": { "condition": "true" }, "position": { "x": 0, "y": 240 } },
                { "id": "end", "type": "End", "position": { "x": 0, "y": 360 } }
              ],
              "connections": [
                { "from": "start", "outcome": "done", "to": "tick" },
                { "from": "tick", "outcome": "done", "to": "again" },
                { "from": "again", "outcome": "true", "to": "tick" },
                { "from": "again", "outcome": "false", "to": "end" }
              ]
            }
            """)!;
        await (await (await server.Api.Administrator).PostJsonAsync("/api/definitions", loop)).ExpectAsync(HttpStatusCode.Created);
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run scenario" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Run scenario" });
        await panel.GetByLabel("Scenario (JSON)").FillAsync($$"""
            { "pathway": "{{id}}", "patient": { "birthDate": "2014-01-05", "sex": "female", "weightKg": 40 }, "until": 4 }
            """);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        // 20,000 timeline entries take a few seconds on a quiet machine and several times that on a loaded one.
        await Expect(panel.GetByRole(AriaRole.Status)).ToContainTextAsync("ends running", new() { Timeout = 60_000 });
        // Drawn a page at a time: all 20,000 rows at once kept the browser busy for a minute.
        var rows = panel.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(500);
        // The limit is checked before each step, and a step may add two entries.
        await Expect(panel).ToContainTextAsync(new Regex(@"Showing the first 500 of 2000[01] entries\."));
        await panel.GetByRole(AriaRole.Button, new() { Name = "Show 500 more" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1000);
        await Expect(panel.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The simulation did not reach its end" }))
            .ToContainTextAsync("The simulation did not reach its end: output: the simulation stopped at 20000 timeline entries");
        // Where it was when it stopped: on its one-second delay.
        await Expect(panel.GetByRole(AriaRole.Alert, new() { Name = "Still waiting" })).ToContainTextAsync("timer at tick");
    }

    [Fact]
    public async Task An_administrator_sees_where_running_instances_are_with_a_count_and_whose_they_are_without_opening_their_records()
    {
        var (id, _) = await PublishedSampleCopyAsync();
        // Two wait for the escalation approval, one is in its NSAID trial.
        foreach (var (name, vertebral) in new[] { ("Positioned", true), ("Alongside", true), ("Trialling", false) })
        {
            await server.Api.StartAsync(await server.CreatePatientAsync(name, vertebral), definitionId: id);
        }

        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Instances", Exact = true }).ClickAsync();

        var approvalNode = page.Locator(".react-flow__node[data-id='escalation-approval']");
        await Expect(approvalNode.GetByLabel("2 instances here now")).ToHaveTextAsync("2");
        await Expect(page.Locator(".react-flow__node[data-id='nsaid-trial'] .node-instances")).ToHaveTextAsync("1");
        await Expect(page.Locator(".react-flow__node .node-instances")).ToHaveCountAsync(2);

        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Instances on this version" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "escalation-approval" }).ClickAsync();
        var table = panel.GetByRole(AriaRole.Table);
        await Expect(table).ToContainTextAsync("At escalation-approval: 2 instances");
        await Expect(table.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Positioned, Ada" })).ToContainTextAsync("task");
        await Screenshots.SaveAsync(page, "designer-instances");

        // An administrator without a clinical role sees who is where, but the record is for clinical staff: no link to it.
        await Expect(table.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        await Expect(table.GetByTitle("Opening the record needs a clinical role").First).ToBeVisibleAsync();
    }
    [Fact]
    public async Task An_administrator_maps_a_renamed_wait_dry_runs_and_moves_running_instances_to_the_published_version()
    {
        var (id, document) = await PublishedSampleCopyAsync();
        var admin = await server.Api.Administrator;
        var waiting = (await server.Api.StartAsync(await server.CreatePatientAsync("Mover", vertebralLesion: true), definitionId: id)).Id();
        var held = (await server.Api.StartAsync(await server.CreatePatientAsync("Holiday", vertebralLesion: true), definitionId: id)).Id();
        await (await (await server.Api.Coordinator).PostJsonAsync($"/api/instances/{held}/suspend", new { reason = "family away" })).ExpectAsync(HttpStatusCode.OK);
        // Version 2 renames the escalation approval.
        document["version"] = 2;
        document["activities"]!.AsArray().Single(a => a!.Str("id") == "escalation-approval")!["id"] = "approve-escalation";
        foreach (var connection in document["connections"]!.AsArray().Select(c => c!))
        {
            if (connection.Str("from") == "escalation-approval") connection["from"] = "approve-escalation";
            if (connection.Str("to") == "escalation-approval") connection["to"] = "approve-escalation";
        }

        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await server.Api.PublishAsync(id, 2);

        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Move instances" }).ClickAsync();
        var panel = page.GetByRole(AriaRole.Region, new() { Name = "Move instances" });
        await Expect(panel).ToContainTextAsync("to the published v2");
        var landing = panel.GetByLabel("Where escalation-approval lands");
        await Expect(landing).ToHaveValueAsync("");

        // Unmapped: the dry run is refused, the reason next to the mapping.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Dry run", Exact = true }).ClickAsync();
        await Expect(panel.Locator(".field-error")).ToContainTextAsync("version 2 has no 'escalation-approval'");

        await landing.SelectOptionAsync("approve-escalation");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Dry run", Exact = true }).ClickAsync();
        var report = panel.GetByRole(AriaRole.Status, new() { Name = "Move report" });
        await Expect(report).ToContainTextAsync("Dry run (nothing changed): 1 of 2 instances would move to v2, 1 stay where they are");
        await Expect(report.Locator(".stays")).ToContainTextAsync(["1 stay where they are", "Stays: it is suspended"]);
        await Expect(report.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mover, Ada" })).ToContainTextAsync("escalation-approval → approve-escalation");
        await Screenshots.SaveAsync(page, "designer-move-dry-run");

        // The move needs a reason, and is offered for the plan that was dry-run.
        var moveButton = panel.GetByRole(AriaRole.Button, new() { Name = "Move 1 instance" });
        await Expect(moveButton).ToBeDisabledAsync();
        await panel.GetByLabel("Why they move").FillAsync("Approval renamed in v2");
        await moveButton.ClickAsync();
        await Expect(report).ToContainTextAsync("Moved: 1 of 2 instances moved to v2");
        Assert.Equal(2, (await server.Api.InstanceAsync(waiting))["instance"]!["version"]!.GetValue<int>());
        Assert.Equal(1, (await server.Api.InstanceAsync(held))["instance"]!["version"]!.GetValue<int>());
    }
}
