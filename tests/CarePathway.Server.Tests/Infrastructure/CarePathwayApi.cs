using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CarePathway.Server.Tests.Infrastructure;

/// <summary>The demo users, one per role (seeded in Development).</summary>
public static class DemoUsers
{
    public const string Coordinator = "coordinator";
    public const string Clinician = "clinician";
    public const string Administrator = "admin";
}

/// <summary>
/// The API as its users drive it: a signed-in client per user (bearer token, cached), and the
/// steps the feature tests repeat (a patient, a start of the sample pathway, worklists, the journal).
/// </summary>
public sealed class CarePathwayApi(WebApplicationFactory<Program> factory)
{
    public const string Sample = "sample-nsaid-review";

    private static readonly ConditionalWeakTable<WebApplicationFactory<Program>, CarePathwayApi> Shared = [];

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> clients = new(StringComparer.Ordinal);

    /// <summary>One per factory, so the tests of a class share its signed-in clients.</summary>
    public static CarePathwayApi For(WebApplicationFactory<Program> factory) => Shared.GetValue(factory, f => new CarePathwayApi(f));

    /// <summary>A client without credentials, to the factory's base address (a real Kestrel address when the browser tests host it).</summary>
    public HttpClient Anonymous() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = factory.ClientOptions.BaseAddress, AllowAutoRedirect = false, HandleCookies = false });

    public Task<HttpClient> Coordinator => As(DemoUsers.Coordinator);

    public Task<HttpClient> Clinician => As(DemoUsers.Clinician);

    public Task<HttpClient> Administrator => As(DemoUsers.Administrator);

    /// <summary>A client signed in as <paramref name="userName"/> with a bearer token (one per user, reused).</summary>
    public Task<HttpClient> As(string userName, string password = SecuritySeeder.DemoPassword) =>
        clients.GetOrAdd(userName, _ => new Lazy<Task<HttpClient>>(() => SignInAsync(userName, password))).Value;

    /// <summary>A new client of its own, signed in (for concurrent requests as separate sessions).</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = SecuritySeeder.DemoPassword)
    {
        var client = Anonymous();
        var token = await (await client.PostJsonAsync("/api/auth/login", new { userName, password })).ExpectAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.Str("accessToken"));
        return client;
    }

    /// <summary>Adds a user with a role and every service (beyond the three demo users), once; returns a client signed in as them.</summary>
    public async Task<HttpClient> UserInRoleAsync(string userName, string role)
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new AppUser { UserName = userName, DisplayName = userName, EmailConfirmed = true };
                Assert.True((await users.CreateAsync(user, SecuritySeeder.DemoPassword)).Succeeded, $"creating {userName}");
                Assert.True((await users.AddToRoleAsync(user, role)).Succeeded, $"giving {userName} the {role} role");
                // Every service, as the demo users hold: they see the patients the other tests make.
                var db = scope.ServiceProvider.GetRequiredService<CarePathwayDbContext>();
                db.UserServices.AddRange(await db.Services.Select(s => new UserService { UserId = user.Id, ServiceCode = s.Code }).ToListAsync());
                await db.SaveChangesAsync();
            }
        }

        return await As(userName);
    }

    public static object NewPatient(bool? vertebralLesion = null, decimal weightKg = 40, decimal heightCm = 150) => new
    {
        mrn = "MRN-" + Guid.NewGuid().ToString("N")[..10],
        givenName = "Ada",
        familyName = "Test",
        birthDate = "2014-01-05",
        sex = "female",
        diagnosis = "CRMO", service = "paediatric-rheumatology",
        weightKg,
        heightCm,
        facts = vertebralLesion is { } v ? new JsonObject { ["vertebralLesion"] = v } : new JsonObject(),
    };

    /// <summary><see cref="NewPatient"/> as a JSON object, changed by <paramref name="change"/> (a field removed, over-long, of the wrong type).</summary>
    public static JsonObject NewPatientJson(Action<JsonObject>? change = null)
    {
        var patient = JsonSerializer.SerializeToNode(NewPatient(), JsonSerializerOptions.Web)!.AsObject();
        change?.Invoke(patient);
        return patient;
    }

    public async Task<Guid> CreatePatientAsync(bool? vertebralLesion = null) =>
        (await (await (await Coordinator).PostJsonAsync("/api/patients", NewPatient(vertebralLesion))).ExpectAsync(HttpStatusCode.Created)).Id();

    /// <summary>Starts a pathway (the sample by default) as the coordinator; returns the instance summary.</summary>
    public async Task<JsonNode> StartAsync(Guid patientId, JsonObject? parameters = null, string definitionId = Sample) =>
        await (await (await Coordinator).PostJsonAsync("/api/instances", new { definitionId, patientId, parameters }))
            .ExpectAsync(HttpStatusCode.Created);

    /// <summary>A vertebral patient on the sample: the escalation approval is open straight away.</summary>
    public async Task<(Guid InstanceId, Guid ApprovalTaskId)> StartAtApprovalAsync(string followUpAfter = "2s")
    {
        var patientId = await CreatePatientAsync(vertebralLesion: true);
        var instanceId = (await StartAsync(patientId, new JsonObject { ["followUpAfter"] = followUpAfter })).Id();
        var approval = Assert.Single(await OpenTasksAsync(instanceId, kind: "escalation-approval"));
        return (instanceId, approval.Id());
    }

    /// <summary>
    /// The shipped sample as an editable document under a new definition id (so a test can
    /// create, change and publish it without touching the sample other tests start).
    /// </summary>
    public async Task<JsonObject> SampleCopyAsync(string? definitionId = null)
    {
        var sample = await (await Coordinator).GetJsonAsync($"/api/definitions/{Sample}/versions/1");
        var document = sample["definition"]!.DeepClone().AsObject();
        document["definitionId"] = definitionId ?? "copy-" + Guid.NewGuid().ToString("N")[..12];
        return document;
    }

    /// <summary>
    /// Publishes a draft as the administrator with a change note and, when it changes a clinical parameter (so it
    /// awaits approval), has the clinician approve it: what every test that needs a version live does.
    /// </summary>
    public async Task<JsonNode> PublishAsync(string definitionId, int version, string changeNote = "published by a test")
    {
        var url = $"/api/definitions/{definitionId}/versions/{version}";
        var asked = await (await (await Administrator).PostJsonAsync($"{url}/publish", new { changeNote })).ExpectAsync(HttpStatusCode.OK);
        return asked.Str("status") == "awaiting-approval"
            ? await (await (await Clinician).PostJsonAsync($"{url}/approve", new { note = "checked by a test" })).ExpectAsync(HttpStatusCode.OK)
            : asked;
    }

    /// <summary>Open tasks of an instance (optionally of one role or kind), as the coordinator sees the worklist.</summary>
    public async Task<IReadOnlyList<JsonNode>> OpenTasksAsync(Guid instanceId, string? role = null, string? kind = null, string status = "open")
    {
        var query = $"/api/tasks?instanceId={instanceId}&status={status}" + (role is null ? "" : $"&role={role}") + (kind is null ? "" : $"&kind={kind}");
        return (await (await Coordinator).GetJsonAsync(query)).Items();
    }

    public static async Task<HttpResponseMessage> CompleteAsync(HttpClient client, Guid taskId, string outcome, string? reason = null) =>
        await client.PostJsonAsync($"/api/tasks/{taskId}/complete", new { outcome, reason });

    public async Task<JsonNode> InstanceAsync(Guid instanceId) => await (await Coordinator).GetJsonAsync($"/api/instances/{instanceId}");

    public async Task<IReadOnlyList<JsonNode>> JournalAsync(Guid instanceId) =>
        [.. ((JsonArray)await (await Coordinator).GetJsonAsync($"/api/instances/{instanceId}/journal")).Select(x => x!)];

    /// <summary>Polls the instance until its status is <paramref name="status"/> (e.g. after a timer).</summary>
    public Task<JsonNode> WaitForStatusAsync(Guid instanceId, string status, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => InstanceAsync(instanceId), i => i["instance"]?["status"]?.GetValue<string>() == status,
            $"instance {instanceId} to be {status}", timeout);

    /// <summary>Polls the journal until it has an entry of <paramref name="type"/> (at <paramref name="activityId"/>).</summary>
    public Task<IReadOnlyList<JsonNode>> WaitForJournalAsync(Guid instanceId, string type, string? activityId = null, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(() => JournalAsync(instanceId),
            j => j.Any(e => e["type"]?.GetValue<string>() == type && (activityId is null || e["activityId"]?.GetValue<string>() == activityId)),
            $"a {type} journal entry{(activityId is null ? "" : " at " + activityId)} of instance {instanceId}", timeout);
}

/// <summary>Journal entries read back from the API.</summary>
public static class Journal
{
    public static string Type(this JsonNode entry) => entry.Str("type");

    public static string? Activity(this JsonNode entry) => entry["activityId"]?.GetValue<string>();

    public static string Cause(this JsonNode entry) => entry.Str("causeKind");

    public static string? Actor(this JsonNode entry) => entry["actor"]?.GetValue<string>();

    public static IReadOnlyList<JsonNode> OfType(this IEnumerable<JsonNode> journal, string type, string? activityId = null) =>
        [.. journal.Where(e => e.Type() == type && (activityId is null || e.Activity() == activityId))];

    public static string Describe(this IEnumerable<JsonNode> journal) =>
        string.Join(Environment.NewLine, journal.Select(e => $"{e["sequence"]} {e.Type()} {e.Activity()} {e["outcome"]} {e.Cause()}:{e.Actor()}"));
}
