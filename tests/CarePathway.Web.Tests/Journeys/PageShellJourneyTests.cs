using CarePathway.Server.Tests.Infrastructure;
using CarePathway.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>
/// The page shell a ward uses all day: every request a page makes is answered (the favicon too: it used to log a 404 on
/// every page), and a page whose data is slow to come shows its shape while it waits instead of a bare "Loading...".
/// </summary>
public sealed class PageShellJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task No_request_of_a_page_fails_and_the_tab_shows_the_product_s_icon()
    {
        var page = await server.SignInAsync(DemoUsers.Coordinator);
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Add($"{response.Status} {response.Url}");
        };
        var icon = page.WaitForResponseAsync(r => r.Url.EndsWith("/favicon.svg", StringComparison.Ordinal));

        await page.GotoAsync("/worklist");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Worklist" })).ToBeVisibleAsync();
        await page.GotoAsync("/patients");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patients" })).ToBeVisibleAsync();

        var answered = await icon;
        Assert.Equal(200, answered.Status);
        Assert.Equal("image/svg+xml", answered.Headers["content-type"]);
        Assert.Empty(failed);
    }

    [Fact]
    public async Task A_page_waiting_for_its_data_shows_its_shape_and_says_it_is_loading()
    {
        var page = await server.SignInAsync(DemoUsers.Coordinator);
        var release = new TaskCompletionSource();
        // The patient list's request (not a patient's own) waits until the test has looked.
        await page.RouteAsync(url => new Uri(url).AbsolutePath == "/api/patients", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync("/patients");
        var waiting = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Loading…" });
        await Expect(waiting).ToBeVisibleAsync();
        await Expect(waiting).ToHaveAttributeAsync("aria-busy", "true");
        Assert.True(await waiting.Locator(".skeleton-bar").CountAsync() >= 3, "the skeleton has its placeholder lines");
        await Screenshots.SaveAsync(page, "page-loading-skeleton");

        release.SetResult();
        await Expect(waiting).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Patients" })).ToBeVisibleAsync();
    }
}
