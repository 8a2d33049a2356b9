using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Governed publishing (issue 15, item 1): a change note on every publish; a change to a clinical parameter (one with a
/// unit or a source) waits for a second person, a clinician or another administrator, never its author; retiring
/// needs a reason; the note, author and approver are in the version's history and the audit.
/// </summary>
public abstract class GovernedPublishingTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    /// <summary>A copy of the sample published as version 1, and a draft version 2 changed by <paramref name="change"/>.</summary>
    private async Task<string> PublishedWithDraftAsync(Action<JsonObject> change)
    {
        var document = await api.SampleCopyAsync();
        var id = document.Str("definitionId");
        var admin = await api.Administrator;
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        await api.PublishAsync(id, 1);
        change(document);
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);
        return id;
    }

    private static void LongerFollowUp(JsonObject document) =>
        ((JsonArray)document["parameters"]!).Single(p => p.Str("name") == "followUpAfter")!["default"] = "6w";

    private async Task<IReadOnlyList<JsonNode>> AuditOfAsync(string target) =>
        (await (await api.Administrator).GetJsonAsync($"/api/audit?action=definition.&targetId={Uri.EscapeDataString(target)}&pageSize=50")).Items();

    [Fact]
    public async Task A_change_that_touches_no_clinical_parameter_publishes_directly_with_its_change_note_in_the_history_and_the_audit()
    {
        var id = await PublishedWithDraftAsync(d => d["description"] = "Clearer wording.");
        var admin = await api.Administrator;
        var url = $"/api/definitions/{id}/versions/2";

        var review = await admin.GetJsonAsync($"{url}/review");
        Assert.Equal((1, false), (review["comparedWithVersion"]!.GetValue<int>(), review["needsApproval"]!.GetValue<bool>()));
        Assert.Empty(review["clinicalChanges"]!.AsArray());
        await (await admin.PostAsync($"{url}/publish", null)).ExpectProblemAsync(HttpStatusCode.BadRequest, "changeNote");
        await (await admin.PostJsonAsync($"{url}/publish", new { changeNote = "  " })).ExpectProblemAsync(HttpStatusCode.BadRequest, "changeNote");
        Assert.Equal("draft", (await admin.GetJsonAsync(url)).Str("status"));

        var published = await (await admin.PostJsonAsync($"{url}/publish", new { changeNote = "Clearer wording of the description" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("published", "admin", "admin"), (published.Str("status"), published.Str("submittedBy"), published.Str("publishedBy")));
        Assert.Null(published["approvedBy"]);
        var history = (await admin.GetJsonAsync("/api/definitions")).AsArray().Single(d => d.Str("definitionId") == id)!["versions"]!.AsArray();
        var v2 = history.Single(v => v!["version"]!.GetValue<int>() == 2)!;
        Assert.Equal("Clearer wording of the description", v2.Str("changeNote"));
        Assert.Equal("replaced by version 2", history.Single(v => v!["version"]!.GetValue<int>() == 1)!.Str("retireReason"));
        var audit = Assert.Single(await AuditOfAsync($"{id}/v2"), a => a.Str("action") == "definition.publish" && a["succeeded"]!.GetValue<bool>());
        Assert.Contains("Clearer wording of the description", audit!.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_to_a_clinical_parameter_waits_for_a_second_person_and_its_author_is_refused()
    {
        var id = await PublishedWithDraftAsync(LongerFollowUp);
        var admin = await api.Administrator;
        var url = $"/api/definitions/{id}/versions/2";

        var review = await admin.GetJsonAsync($"{url}/review");
        Assert.True(review["needsApproval"]!.GetValue<bool>());
        var change = Assert.Single(review["clinicalChanges"]!.AsArray())!;
        Assert.Equal(("followUpAfter", "changed", "default"), (change.Str("name"), change.Str("change"), Assert.Single(change["fields"]!.AsArray())!.GetValue<string>()));
        Assert.Equal(("4w", "6w"), (change["before"]!.Str("default"), change["after"]!.Str("default")));

        var asked = await (await admin.PostJsonAsync($"{url}/publish", new { changeNote = "Follow-up at six weeks" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("awaiting-approval", "admin"), (asked.Str("status"), asked.Str("submittedBy")));
        // Not live: version 1 is still the published one, and new starts run on it.
        Assert.Equal("published", (await admin.GetJsonAsync($"/api/definitions/{id}/versions/1")).Str("status"));
        var started = await api.StartAsync(await api.CreatePatientAsync(vertebralLesion: true), definitionId: id);
        Assert.Equal(1, started["version"]!.GetValue<int>());
        // A version awaiting approval does not change, and is not published a second time.
        await (await admin.PutJsonAsync(url, new { definition = new JsonObject(), rowVersion = asked["rowVersion"]!.GetValue<long>() })).ExpectProblemAsync(HttpStatusCode.Conflict);
        await (await admin.PostJsonAsync($"{url}/publish", new { changeNote = "again" })).ExpectProblemAsync(HttpStatusCode.Conflict);

        var refused = await (await admin.PostJsonAsync($"{url}/approve", new { })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("second person", refused.Str("detail"), StringComparison.Ordinal);
        await (await (await api.Coordinator).PostJsonAsync($"{url}/approve", new { })).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("awaiting-approval", (await admin.GetJsonAsync(url)).Str("status"));

        var second = await api.UserInRoleAsync("second-admin", Roles.Administrator);
        var approved = await (await second.PostJsonAsync($"{url}/approve", new { note = "Matches the local protocol" })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("published", "second-admin", "admin", "Follow-up at six weeks"),
            (approved.Str("status"), approved.Str("approvedBy"), approved.Str("submittedBy"), approved.Str("changeNote")));
        Assert.Equal("retired", (await admin.GetJsonAsync($"/api/definitions/{id}/versions/1")).Str("status"));
        await (await (await api.Clinician).PostJsonAsync($"{url}/approve", new { })).ExpectProblemAsync(HttpStatusCode.Conflict);
        var audit = await AuditOfAsync($"{id}/v2");
        Assert.Contains(audit, a => a.Str("action") == "definition.publish" && a.Str("userName") == "admin" && a.Str("detail").Contains("Follow-up at six weeks", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Str("action") == "definition.approve" && a.Str("userName") == "admin" && !a["succeeded"]!.GetValue<bool>());
        Assert.Contains(audit, a => a.Str("action") == "definition.approve" && a.Str("userName") == "second-admin" && a["succeeded"]!.GetValue<bool>()
            && a.Str("detail").Contains("Matches the local protocol", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_review_and_the_approval_queue_say_who_may_approve_and_the_author_is_told_why_not()
    {
        var id = await PublishedWithDraftAsync(LongerFollowUp);
        var admin = await api.Administrator;
        var clinician = await api.Clinician;
        var url = $"/api/definitions/{id}/versions/2";
        var draftReview = await clinician.GetJsonAsync($"{url}/review");
        Assert.False(draftReview["canApprove"]!.GetValue<bool>());
        Assert.Contains("is draft; only a version awaiting approval can be approved", draftReview.Str("cannotApproveReason"), StringComparison.Ordinal);

        await (await admin.PostJsonAsync($"{url}/publish", new { changeNote = "Follow-up at six weeks" })).ExpectAsync(HttpStatusCode.OK);

        var byAuthor = await admin.GetJsonAsync($"{url}/review");
        Assert.False(byAuthor["canApprove"]!.GetValue<bool>());
        Assert.Contains("admin wrote this version", byAuthor.Str("cannotApproveReason"), StringComparison.Ordinal);
        var byClinician = await clinician.GetJsonAsync($"{url}/review");
        Assert.True(byClinician["canApprove"]!.GetValue<bool>());
        Assert.Null(byClinician["cannotApproveReason"]);
        var byCoordinator = await (await api.Coordinator).GetJsonAsync($"{url}/review");
        Assert.Contains("only a clinician or an administrator", byCoordinator.Str("cannotApproveReason"), StringComparison.Ordinal);

        var authorsQueue = (await admin.GetJsonAsync("/api/definitions/awaiting-approval")).AsArray().Single(v => v.Str("definitionId") == id)!;
        Assert.Equal((2, "admin", "Follow-up at six weeks", false), (authorsQueue["version"]!.GetValue<int>(), authorsQueue.Str("submittedBy"),
            authorsQueue.Str("changeNote"), authorsQueue["canApprove"]!.GetValue<bool>()));
        Assert.Equal(byAuthor.Str("cannotApproveReason"), authorsQueue.Str("cannotApproveReason"));
        var refused = await (await admin.PostJsonAsync($"{url}/approve", new { })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(byAuthor.Str("cannotApproveReason"), refused.Str("detail"));
        await (await (await api.Coordinator).GetAsync("/api/definitions/awaiting-approval")).ExpectAsync(HttpStatusCode.Forbidden);

        var clinicianQueue = (await clinician.GetJsonAsync("/api/definitions/awaiting-approval")).AsArray().Single(v => v.Str("definitionId") == id)!;
        Assert.True(clinicianQueue["canApprove"]!.GetValue<bool>());
        await (await clinician.PostJsonAsync($"{url}/approve", new { note = "Agreed" })).ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain((await clinician.GetJsonAsync("/api/definitions/awaiting-approval")).AsArray(), v => v.Str("definitionId") == id);
    }

    [Fact]
    public async Task A_first_version_needs_approval_and_a_clinician_may_give_it()
    {
        var document = await api.SampleCopyAsync();
        var id = document.Str("definitionId");
        var admin = await api.Administrator;
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);

        var review = await admin.GetJsonAsync($"/api/definitions/{id}/versions/1/review");
        Assert.Null(review["comparedWithVersion"]);
        Assert.Equal(4, review["clinicalChanges"]!.AsArray().Count(c => c.Str("change") == "added"));
        await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/1/publish", new { changeNote = "New pathway" })).ExpectAsync(HttpStatusCode.OK);

        var approved = await (await (await api.Clinician).PostJsonAsync($"/api/definitions/{id}/versions/1/approve", new { })).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(("published", "clinician"), (approved.Str("status"), approved.Str("approvedBy")));
    }

    [Fact]
    public async Task A_version_still_awaiting_approval_is_withdrawn_when_a_later_one_is_published_and_can_be_withdrawn_with_a_reason()
    {
        var id = await PublishedWithDraftAsync(LongerFollowUp);
        var admin = await api.Administrator;
        await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/2/publish", new { changeNote = "Follow-up at six weeks" })).ExpectAsync(HttpStatusCode.OK);
        var document = (await admin.GetJsonAsync($"/api/definitions/{id}/versions/1"))["definition"]!.DeepClone().AsObject();
        document["description"] = "Only the wording changes.";
        await (await admin.PostJsonAsync("/api/definitions", document)).ExpectAsync(HttpStatusCode.Created);

        await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/3/publish", new { changeNote = "Wording" })).ExpectAsync(HttpStatusCode.OK);

        var withdrawn = await admin.GetJsonAsync($"/api/definitions/{id}/versions/2");
        Assert.Equal("retired", withdrawn.Str("status"));
        Assert.Contains("version 3 was published before it was approved", withdrawn.Str("retireReason"), StringComparison.Ordinal);
        await (await (await api.Clinician).PostJsonAsync($"/api/definitions/{id}/versions/2/approve", new { })).ExpectProblemAsync(HttpStatusCode.Conflict);

        // One awaiting approval can also be withdrawn by hand, with a reason.
        var again = (await admin.GetJsonAsync($"/api/definitions/{id}/versions/3"))["definition"]!.DeepClone().AsObject();
        LongerFollowUp(again);
        await (await admin.PostJsonAsync("/api/definitions", again)).ExpectAsync(HttpStatusCode.Created);
        await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/4/publish", new { changeNote = "Six weeks again" })).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/4/retire", new { reason = "" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        var retired = await (await admin.PostJsonAsync($"/api/definitions/{id}/versions/4/retire", new { reason = "not agreed with the team" })).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("retired", "not agreed with the team"), (retired.Str("status"), retired.Str("retireReason")));
        Assert.Equal("published", (await admin.GetJsonAsync($"/api/definitions/{id}/versions/3")).Str("status"));
    }
}

public sealed class SqliteGovernedPublishingTests(SqliteAppFactory factory) : GovernedPublishingTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresGovernedPublishingTests(PostgresAppFactory factory) : GovernedPublishingTests(factory), IClassFixture<PostgresAppFactory>;
