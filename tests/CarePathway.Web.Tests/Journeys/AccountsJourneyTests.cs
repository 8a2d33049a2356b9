using CarePathway.Web.Tests.Infrastructure;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CarePathway.Web.Tests.Journeys;

/// <summary>An administrator creates a coordinator in the web app, who signs in; a too-short password is refused at its field.</summary>
public sealed class AccountsJourneyTests(BrowserServer server) : IClassFixture<BrowserServer>
{
    [Fact]
    public async Task An_administrator_creates_a_coordinator_who_then_signs_in()
    {
        var page = await server.SignInAsync(DemoUsers.Administrator);
        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Accounts", Level = 1 })).ToBeVisibleAsync();

        var form = page.GetByRole(AriaRole.Form, new() { Name = "New account" });
        await form.GetByLabel("User name").FillAsync("ward-coordinator");
        await form.GetByLabel("Display name").FillAsync("Ward Coordinator");
        await form.GetByLabel("Initial password").FillAsync("too short");
        await form.GetByLabel("coordinator").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Alert).Filter(new() { HasText = "at least 12 characters" })).ToBeVisibleAsync();

        await form.GetByLabel("Initial password").FillAsync("a ward passphrase");
        await form.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row, new() { Name = "ward-coordinator" });
        await Expect(row).ToContainTextAsync("never");
        await Screenshots.SaveAsync(page, "accounts");

        var coordinator = await server.SignInAsync("ward-coordinator", password: "a ward passphrase");
        await Expect(coordinator.GetByRole(AriaRole.Link, new() { Name = "Worklist" })).ToBeVisibleAsync();
        await Expect(coordinator.GetByRole(AriaRole.Link, new() { Name = "Accounts" })).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "ward-coordinator" })).Not.ToContainTextAsync("never");
    }
}
