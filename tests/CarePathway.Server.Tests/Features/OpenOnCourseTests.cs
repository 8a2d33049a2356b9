using System.Net;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// A task's detail lists the other open tasks of its pathway (issue 14: the baseline imaging and urine tests not done
/// yet, beside the infusion approval), so an approver sees what is outstanding; a task done elsewhere leaves the list.
/// </summary>
public abstract class OpenOnCourseTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);
    private readonly CrmoCourse course = new(CarePathwayApi.For(factory));

    [Fact]
    public async Task The_infusion_approval_lists_the_imaging_urine_tests_and_prophylaxis_still_open_on_the_course()
    {
        var clinician = await api.Clinician;
        var patientId = await course.CreatePatientAsync();
        await course.RecordBaselineAsync(patientId);
        var instanceId = await course.StartAsync(patientId);
        await course.ApproveEscalationAsync(instanceId);
        await course.OpenTaskAsync(instanceId, "pre-infusion");
        await course.RecordPreInfusionLabsAsync(patientId, 0.56m);

        var approval = await course.OpenTaskAsync(instanceId, "approve", clinician);
        var open = approval["openOnCourse"]!.AsArray();
        // Dated work first (the prophylaxis is due within a day), then the undated, oldest first; never the task itself.
        Assert.Equal(["acute-phase", "imaging-baseline", "albuminuria-baseline"], open.Select(t => t.Str("activityId")));
        Assert.All(open, t => Assert.Equal(instanceId, t!["instanceId"]!.GetValue<Guid>()));
        Assert.Equal("Book baseline imaging (MRI) of the affected sites", open[1].Str("title"));

        var imaging = await course.OpenTaskAsync(instanceId, "imaging-baseline");
        await (await CrmoCourse.CompleteAsync(await api.Coordinator, imaging, imaging["outcomes"]![0]!.GetValue<string>())).ExpectAsync(HttpStatusCode.OK);
        var after = await (await api.Coordinator).GetJsonAsync($"/api/tasks/{approval["task"].Id()}");
        Assert.Equal(["acute-phase", "albuminuria-baseline"], after["openOnCourse"]!.AsArray().Select(t => t.Str("activityId")));
    }
}

public sealed class SqliteOpenOnCourseTests(SqliteAppFactory factory) : OpenOnCourseTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresOpenOnCourseTests(PostgresAppFactory factory) : OpenOnCourseTests(factory), IClassFixture<PostgresAppFactory>;
