using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CarePathway.Web.Tests.Infrastructure;

/// <summary>
/// A real server (Kestrel on a free port, its own SQLite database, Development demo users, the
/// built web app) and Debian's Chromium driven by Playwright. One per test class.
/// </summary>
public sealed class BrowserServer : IAsyncLifetime, IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly SqliteAppFactory factory = new();
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public CarePathwayApi Api { get; private set; } = null!;

    public IServiceProvider Services => factory.Services;

    public async Task InitializeAsync()
    {
        // A missing browser is a broken machine, not a reason to skip: say what to install.
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: run `apt-get install -y chromium` (.ci/run does this on CI).");

        await factory.InitializeAsync();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        // The API helpers' clients go to the same real server the browser uses.
        factory.ClientOptions.BaseAddress = BaseAddress;
        Api = CarePathwayApi.For(factory);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    private const float ActionAndAssertionTimeoutMs = 15_000;

    /// <summary>A fresh browser context (its own cookies) at 1280×900, signed in through the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string userName, int width = 1280, int height = 900, string password = SecuritySeeder.DemoPassword)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        // Actions and assertions get the same patience: on a loaded 2-core CI machine a publish or a
        // pathway step can take longer than Playwright's 5 s assertion default, which failed a passing journey.
        context.SetDefaultTimeout(ActionAndAssertionTimeoutMs);
        Assertions.SetDefaultExpectTimeout(ActionAndAssertionTimeoutMs);
        var page = await context.NewPageAsync();
        PageProblems.Record(page);
        await page.GotoAsync("/login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        return page;
    }

    /// <summary>A patient with a recognisable family name (worklists are shared by the tests of a class).</summary>
    public async Task<Guid> CreatePatientAsync(string familyName, bool vertebralLesion = false)
    {
        var body = new JsonObject
        {
            ["mrn"] = "MRN-" + Guid.NewGuid().ToString("N")[..10],
            ["givenName"] = "Ada",
            ["familyName"] = familyName,
            ["birthDate"] = "2014-01-05",
            ["sex"] = "female",
            ["diagnosis"] = "CRMO",
            ["service"] = "paediatric-rheumatology",
            ["weightKg"] = 40,
            ["heightCm"] = 150,
            ["facts"] = new JsonObject { ["vertebralLesion"] = vertebralLesion },
        };
        return (await (await (await Api.Coordinator).PostJsonAsync("/api/patients", body)).ExpectAsync(HttpStatusCode.Created)).Id();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await factory.DisposeAsync();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
}
