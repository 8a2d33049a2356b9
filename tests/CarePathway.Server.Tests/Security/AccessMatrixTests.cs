using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Security;

/// <summary>
/// Who may call what, as one table: every route the app maps (every operation of the OpenAPI document and the few it
/// leaves out) called by an anonymous caller, each role and each machine client, and the answer of the access layer
/// written down: 401, 403, or "in" (it let the call through to the operation, which then answered as it does with dummy
/// ids and body). The table is checked in beside this test (<c>access-matrix.txt</c>): any change of who may do what
/// fails here until the table is regenerated (<c>CAREPATHWAY_UPDATE_ACCESS_MATRIX=1</c>) and the change reviewed in
/// its diff. Rules an operation applies itself to a real record (an approval only a clinician may decide) are tested
/// where they live.
/// </summary>
public sealed class AccessMatrixTests : IAsyncLifetime
{
    private const string UpdateVariable = "CAREPATHWAY_UPDATE_ACCESS_MATRIX";

    private TestIdentityProvider provider = null!;
    private CarePathwayAppFactory server = null!;

    public async Task InitializeAsync()
    {
        provider = await TestIdentityProvider.StartAsync();
        server = provider.Configure(new SqliteAppFactory());
        await server.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        await provider.DisposeAsync();
    }

    [Fact]
    public async Task Every_route_answers_each_caller_as_the_checked_in_access_matrix_says()
    {
        var api = CarePathwayApi.For(server);
        var callers = new List<(string Name, Func<Task<HttpClient>> SignIn)>
        {
            ("anonymous", () => Task.FromResult(api.Anonymous())),
            ("coordinator", () => api.SignInAsync(DemoUsers.Coordinator)),
            ("clinician", () => api.SignInAsync(DemoUsers.Clinician)),
            ("administrator", () => api.SignInAsync(DemoUsers.Administrator)),
            ("lab-feed", () => provider.MachineClientAsync(api, TestIdentityProvider.LabFeedId, "labs:write")),
            ("ehr-reader", () => provider.MachineClientAsync(api, TestIdentityProvider.EhrReaderId, "patients:read")),
            ("ehr-feed", () => provider.MachineClientAsync(api, TestIdentityProvider.EhrFeedId, "patients:write")),
        };
        // Sign-out ends the caller's session: it goes last, so every other route is called while signed in.
        var routes = AppRoute.Of(server.Services).OrderBy(r => r.ToString() == "POST /api/auth/logout").ToList();
        await AssertEveryDocumentedOperationIsAmongAsync(api, routes);

        var answers = new Dictionary<string, List<string>>();
        foreach (var (name, signIn) in callers)
        {
            var client = await signIn();
            foreach (var route in routes)
            {
                var status = await route.CallAsync(client);
                var answer = status switch { HttpStatusCode.Unauthorized => "401", HttpStatusCode.Forbidden => "403", _ => "in" };
                (answers.TryGetValue(route.ToString(), out var row) ? row : answers[route.ToString()] = []).Add($"{name}={answer}");
            }
        }

        var width = answers.Keys.Max(k => k.Length);
        var table = new StringBuilder();
        foreach (var route in routes.Select(r => r.ToString()).Distinct().OrderBy(r => r, StringComparer.Ordinal))
            table.Append(route.PadRight(width)).Append("  ").AppendJoin(' ', answers[route]).Append('\n');

        var path = RepositoryPaths.Of("tests", "CarePathway.Server.Tests", "Security", "access-matrix.txt");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1") await File.WriteAllTextAsync(path, table.ToString());
        Assert.Equal(await File.ReadAllTextAsync(path), table.ToString());
    }


    /// <summary>The table covers the API as documented: an operation in the OpenAPI document that the app does not map would escape it.</summary>
    private static async Task AssertEveryDocumentedOperationIsAmongAsync(CarePathwayApi api, List<AppRoute> routes)
    {
        var document = await api.Anonymous().GetJsonAsync("/openapi/v1.json");
        var mapped = routes.Select(r => $"{r.Method} {Normalized(r.Pattern)}").ToHashSet(StringComparer.Ordinal);
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {Normalized(path.Key)}"))
            .ToList();
        Assert.True(documented.Count >= 25, "suspiciously few documented operations");
        Assert.All(documented, operation => Assert.Contains(operation, mapped));
    }

    /// <summary>A route pattern without parameter names, constraints or a trailing slash, as OpenAPI and routing both spell it.</summary>
    private static string Normalized(string pattern) =>
        Regex.Replace(pattern, @"\{[^}]*\}", "{}").TrimEnd('/');
}
