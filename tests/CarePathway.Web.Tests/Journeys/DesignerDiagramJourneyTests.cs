using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// The diagram as people read and edit it: automatic layout, names instead of ids, input labels in
/// words, undo and redo, copy and paste, and a 40-activity pathway still legible at fit-to-screen.
/// </summary>
public sealed class DesignerDiagramJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    /// <summary>A copy of the sample as a new draft (version 1), changed first by <paramref name="change"/>; opened in the designer at 1280×1600.</summary>
    private async Task<(IPage Page, string Id)> OpenDraftAsync(Action<JsonObject>? change = null)
    {
        var document = await server.Api.SampleCopyAsync();
        change?.Invoke(document);
        var id = document.Str("definitionId");
        await (await (await server.Api.Administrator).PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        // Tall enough that the whole sample fits at a readable zoom, so every node is on screen to click.
        var page = await server.SignInAsync(DemoUsers.Administrator, height: 1600);
        await page.GotoAsync($"/designer/{id}/1");
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(((JsonArray)document["activities"]!).Count);
        return (page, id);
    }

    private static void EachActivity(JsonObject document, Action<JsonObject> change)
    {
        foreach (var activity in (JsonArray)document["activities"]!) change(activity!.AsObject());
    }

    /// <summary>A node's box on screen (settable: Playwright fills it from the page's JSON).</summary>
    private sealed class Box
    {
        public string Id { get; set; } = "";

        public double X { get; set; }

        public double Y { get; set; }

        public double Width { get; set; }

        public double Height { get; set; }

        public double Bottom => Y + Height;

        public bool Overlaps(Box other) => X < other.X + other.Width && other.X < X + Width && Y < other.Bottom && other.Y < Bottom;

        public override string ToString() => $"{Id} at ({X:F0}, {Y:F0}) {Width:F0}×{Height:F0}";
    }

    /// <summary>Every node's box on screen, by activity id.</summary>
    private static async Task<Dictionary<string, Box>> BoxesAsync(IPage page)
    {
        var boxes = await page.EvaluateAsync<Box[]>("""
            () => [...document.querySelectorAll('.react-flow__node')].map(n => {
              const r = n.getBoundingClientRect();
              return { id: n.dataset.id, x: r.x, y: r.y, width: r.width, height: r.height };
            })
            """);
        return boxes.ToDictionary(b => b.Id);
    }

    private static List<string> Overlapping(Dictionary<string, Box> boxes)
    {
        var all = boxes.Values.ToList();
        return [.. all.SelectMany((a, i) => all.Skip(i + 1).Where(a.Overlaps).Select(b => $"{a.Id}/{b.Id}"))];
    }

    /// <summary>True when no two nodes on screen overlap.</summary>
    private const string NoOverlapsScript = """
        () => {
          const r = [...document.querySelectorAll('.react-flow__node')].map(n => n.getBoundingClientRect());
          return r.every((a, i) => r.slice(i + 1).every(b => !(a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom)));
        }
        """;

    /// <summary>Waits until no two nodes on screen overlap (a render after an edit), then checks it the test's way.</summary>
    private static async Task WaitForNoOverlapsAsync(IPage page)
    {
        await page.WaitForFunctionAsync(NoOverlapsScript);
        Assert.Empty(Overlapping(await BoxesAsync(page)));
    }

    [Fact]
    public async Task Tidy_layout_spreads_a_piled_up_diagram_with_no_overlaps_and_can_be_saved()
    {
        // Every activity on one spot: the worst a hand-edited file can do.
        var (page, _) = await OpenDraftAsync(d => EachActivity(d, a => a["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 }));
        Assert.NotEmpty(Overlapping(await BoxesAsync(page)));
        await Expect(page.GetByText("unsaved changes")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Toolbar, new() { Name = "Diagram" }).GetByRole(AriaRole.Button, new() { Name = "Tidy layout" }).ClickAsync();
        await Expect(page.GetByText("unsaved changes")).ToBeVisibleAsync();
        await WaitForNoOverlapsAsync(page);
        var boxes = await BoxesAsync(page);
        // Connections run downwards: the start above what it leads to, the ends at the bottom.
        Assert.True(boxes["start"].Bottom <= boxes["vertebral"].Y, "start above vertebral");
        Assert.True(boxes["follow-up"].Bottom <= boxes["escalated"].Y, "follow-up above escalated");
        await Screenshots.SaveAsync(page, "designer-tidy-layout");

        // It is an edit like any other: undone, the pile is back; redone, tidy again.
        var diagram = page.GetByRole(AriaRole.Toolbar, new() { Name = "Diagram" });
        await diagram.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
        await page.WaitForFunctionAsync($"() => !({NoOverlapsScript})()");
        Assert.NotEmpty(Overlapping(await BoxesAsync(page)));
        await diagram.GetByRole(AriaRole.Button, new() { Name = "Redo" }).ClickAsync();
        await WaitForNoOverlapsAsync(page);

        // The positions are the draft's: saved, reopened, still tidy.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Draft saved." })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(15);
        Assert.Empty(Overlapping(await BoxesAsync(page)));
    }

    [Fact]
    public async Task A_definition_without_positions_is_laid_out_when_it_opens()
    {
        var (page, _) = await OpenDraftAsync(d => EachActivity(d, a => a.Remove("position")));
        var boxes = await BoxesAsync(page);
        Assert.Empty(Overlapping(boxes));
        Assert.True(boxes["start"].Bottom <= boxes["vertebral"].Y, "start above vertebral");
        Assert.True(boxes["plan"].Bottom <= boxes["book-infusion"].Y && boxes["plan"].Bottom <= boxes["inform-gp"].Y, "the fork above its branches");
        // Laying out on open is how the diagram is shown, not an edit.
        await Expect(page.GetByText("unsaved changes")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_activity_added_from_the_palette_lands_below_the_selected_activity_clear_of_the_others()
    {
        var (page, _) = await OpenDraftAsync();
        await page.Locator(".react-flow__node[data-id='stopped']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Reminder" }).ClickAsync();
        await Expect(page.Locator(".react-flow__node[data-id='reminder']")).ToBeVisibleAsync();

        await WaitForNoOverlapsAsync(page);
        var boxes = await BoxesAsync(page);
        var after = boxes["stopped"];
        var added = boxes["reminder"];
        Assert.True(added.Y >= after.Bottom && added.Y - after.Bottom < 2 * after.Height, $"just below the selected activity ({added} after {after})");
        Assert.True(Math.Abs(added.X - after.X) < after.Width, $"in the selected activity's column ({added} after {after})");
    }

    [Fact]
    public async Task Nodes_and_next_activity_pickers_name_each_activity_with_its_id_second()
    {
        var (page, _) = await OpenDraftAsync();
        var followUp = page.Locator(".react-flow__node[data-id='follow-up']");
        await Expect(followUp.Locator(".node-label")).ToHaveTextAsync("Until follow-up");
        await Expect(followUp.Locator(".node-id")).ToHaveTextAsync("follow-up");
        // An activity without a name is known by its id, shown once.
        await Expect(page.Locator(".react-flow__node[data-id='start'] .node-label")).ToHaveTextAsync("start");
        await Expect(page.Locator(".react-flow__node[data-id='start'] .node-id")).ToHaveCountAsync(0);

        await followUp.ClickAsync();
        var next = page.Locator(".property-panel").GetByLabel("After “done”");
        await Expect(next.Locator("option:checked")).ToHaveTextAsync("Escalated (escalated)");
        await Expect(next.Locator("option", new() { HasText = "Vertebral involvement? (vertebral)" })).ToHaveCountAsync(1);
        await next.SelectOptionAsync(new SelectOptionValue { Label = "Stopped (stopped)" });
        await Expect(next).ToHaveValueAsync("stopped");
    }

    [Fact]
    public async Task Inputs_are_labelled_in_words_and_described_by_the_catalog()
    {
        var (page, _) = await OpenDraftAsync();
        await page.Locator(".react-flow__node[data-id='start-nsaid']").ClickAsync();
        var panel = page.Locator(".property-panel");
        var dueIn = panel.GetByLabel("Due in", new() { Exact = true });
        await Expect(dueIn).ToBeVisibleAsync();
        await Expect(dueIn).ToHaveAccessibleDescriptionAsync("When the task's work is planned, from when it is created (e.g. 7d for a recheck in a week). (expression → Duration)");
        await Expect(panel.GetByLabel("Respond within", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(panel.GetByLabel("Title *", new() { Exact = true })).ToHaveAccessibleDescriptionAsync("What the person sees in their worklist.");
        // The names the JSON uses are no longer the labels.
        await Expect(panel.GetByLabel("dueIn", new() { Exact = true })).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "designer-input-labels");
    }

    [Fact]
    public async Task Undo_and_redo_step_through_edits_with_the_buttons_and_the_keys_a_word_typed_being_one_step()
    {
        var (page, _) = await OpenDraftAsync();
        var diagram = page.GetByRole(AriaRole.Toolbar, new() { Name = "Diagram" });
        var undo = diagram.GetByRole(AriaRole.Button, new() { Name = "Undo" });
        var redo = diagram.GetByRole(AriaRole.Button, new() { Name = "Redo" });
        await Expect(undo).ToBeDisabledAsync();
        var label = page.Locator(".react-flow__node[data-id='follow-up'] .node-label");

        // A name typed key by key is one step back.
        await page.Locator(".react-flow__node[data-id='follow-up']").ClickAsync();
        var name = page.Locator(".property-panel").GetByLabel("Name", new() { Exact = true });
        await name.ClearAsync();
        await name.PressSequentiallyAsync("Visit");
        await Expect(label).ToHaveTextAsync("Visit");
        await undo.ClickAsync();
        await Expect(label).ToHaveTextAsync("Until follow-up");
        await Expect(undo).ToBeDisabledAsync();
        await redo.ClickAsync();
        await Expect(label).ToHaveTextAsync("Visit");

        // Deleting an activity takes its connections; undoing brings both back. The keys do what the buttons do.
        var edges = await page.Locator(".react-flow__edge").CountAsync();
        await page.Locator(".react-flow__node[data-id='inform-gp']").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete activity" }).ClickAsync();
        await Expect(page.Locator(".react-flow__node[data-id='inform-gp']")).ToHaveCountAsync(0);
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(edges - 2);
        await undo.FocusAsync();
        await page.Keyboard.PressAsync("Control+Z");
        await Expect(page.Locator(".react-flow__node[data-id='inform-gp']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(edges);
        await page.Keyboard.PressAsync("Control+Shift+Z");
        await Expect(page.Locator(".react-flow__node[data-id='inform-gp']")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Control+Z");
        await page.Keyboard.PressAsync("Control+Z");
        await Expect(label).ToHaveTextAsync("Until follow-up");
        await page.Keyboard.PressAsync("Control+Y");
        await Expect(label).ToHaveTextAsync("Visit");
        await Expect(page.Locator(".react-flow__node[data-id='inform-gp']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Two_connected_activities_copied_and_pasted_become_two_new_ones_connected_to_each_other_and_selected()
    {
        var (page, _) = await OpenDraftAsync();
        var diagram = page.GetByRole(AriaRole.Toolbar, new() { Name = "Diagram" });
        await Expect(diagram.GetByRole(AriaRole.Button, new() { Name = "Copy" })).ToBeDisabledAsync();
        await Expect(diagram.GetByRole(AriaRole.Button, new() { Name = "Paste" })).ToBeDisabledAsync();

        // Book first infusion → planned (the join); Ctrl+click adds to the selection.
        await page.Locator(".react-flow__node[data-id='book-infusion']").ClickAsync();
        await page.Locator(".react-flow__node[data-id='planned']").ClickAsync(new() { Modifiers = [KeyboardModifier.Control] });
        await Expect(page.Locator(".react-flow__node.selected")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+C");
        await page.Keyboard.PressAsync("Control+V");

        var bookCopy = page.Locator(".react-flow__node[data-id='book-infusion-copy']");
        var plannedCopy = page.Locator(".react-flow__node[data-id='planned-copy']");
        await Expect(bookCopy).ToBeVisibleAsync();
        await Expect(plannedCopy).ToBeVisibleAsync();
        await Expect(bookCopy.Locator(".node-label")).ToHaveTextAsync("Book first infusion");
        // One new connection, between the copies: those to plan and follow-up stay with the originals.
        await Expect(page.Locator(".react-flow__edge[data-id='book-infusion-copy:done->planned-copy']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".react-flow__edge[data-id*='-copy']")).ToHaveCountAsync(1);
        // The copies are the selection, and sit clear of everything.
        await Expect(page.Locator(".react-flow__node.selected")).ToHaveCountAsync(2);
        await Expect(bookCopy).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("selected"));
        await WaitForNoOverlapsAsync(page);
        await Expect(page.GetByText("unsaved changes")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "designer-paste");

        // The buttons paste again, with ids of their own.
        await diagram.GetByRole(AriaRole.Button, new() { Name = "Paste" }).ClickAsync();
        await Expect(page.Locator(".react-flow__node[data-id='book-infusion-copy-2']")).ToBeVisibleAsync();
        await Expect(page.Locator(".react-flow__edge[data-id='book-infusion-copy-2:done->planned-copy-2']")).ToHaveCountAsync(1);
    }

    /// <summary>The smallest node name on screen, in pixels: its font size times the diagram's zoom.</summary>
    private static Task<double> SmallestNameOnScreenAsync(IPage page) => page.EvaluateAsync<double>("""
        () => {
          const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a;
          const sizes = [...document.querySelectorAll('.react-flow__node .node-label')].map(l => parseFloat(getComputedStyle(l).fontSize) * zoom);
          return Math.min(...sizes);
        }
        """);

    [Fact]
    public async Task A_40_activity_pathway_fitted_to_the_screen_is_still_readable()
    {
        // The shipped CRMO pathway's third version (46 activities) as a new draft without positions, so laid out as it opens.
        var document = (await (await server.Api.Administrator).GetJsonAsync($"/api/definitions/{CrmoCourse.DefinitionId}/versions/3"))["definition"]!.DeepClone().AsObject();
        var id = "crmo-copy-" + Guid.NewGuid().ToString("N")[..8];
        document["definitionId"] = id;
        EachActivity(document, a => a.Remove("position"));
        await (await (await server.Api.Administrator).PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GotoAsync($"/designer/{id}/1");
        await Expect(page.Locator(".react-flow__node")).ToHaveCountAsync(46);
        await Expect(page.Locator(".react-flow__node[data-id='start']")).ToBeVisibleAsync();
        Assert.Empty(Overlapping(await BoxesAsync(page)));
        var onOpening = await SmallestNameOnScreenAsync(page);
        Assert.True(onOpening >= 10, $"names at least 10 px on opening, not {onOpening:F1} ({await page.EvaluateAsync<string>("() => document.querySelector('.react-flow__viewport').style.transform")})");
        // The start is in view: the pathway is read from where it begins.
        await Expect(page.Locator(".react-flow__node[data-id='start']")).ToBeInViewportAsync();
        await Screenshots.SaveAsync(page, "designer-40-activities-fitted");

        // Zoomed out to a picture, "Fit to screen" brings it back to readable.
        var zoomOut = page.GetByRole(AriaRole.Button, new() { Name = "Zoom Out" });
        for (var i = 0; i < 6; i++) await zoomOut.ClickAsync();
        Assert.True(await SmallestNameOnScreenAsync(page) < 10, "zoomed out below readable");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit to screen" }).ClickAsync();
        await page.WaitForFunctionAsync("() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a >= 0.6");
        Assert.True(await SmallestNameOnScreenAsync(page) >= 10, "names at least 10 px after fit to screen");
    }
}
