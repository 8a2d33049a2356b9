using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Hazard 9 over HTTP: a drug with no minimum infusion time is not dosed. The reference names none for neridronate, so
/// the CRPS pathway's neridronate variant does not start until the service sets it: 422 naming the parameter, nothing
/// stored, and no clinician's reason starts it (a reason admits a patient, it does not fix a setting).
/// </summary>
public abstract class RequiredSettingsTests(CarePathwayAppFactory factory)
{
    private const string Crps = "crps-bisphosphonate";
    private const string Parameter = "parameters.neridronateInfusionTime";
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private async Task<Guid> AdultAsync() =>
        (await (await (await api.Coordinator).PostJsonAsync("/api/patients", CarePathwayApi.NewPatientJson(p => p["birthDate"] = "1980-03-10")))
            .ExpectAsync(HttpStatusCode.Created)).Id();

    private static object Start(Guid patientId, JsonObject parameters, string? overrideReason = null) => overrideReason is null
        ? new { definitionId = Crps, patientId, parameters }
        : new { definitionId = Crps, patientId, parameters, eligibilityOverride = new { reason = overrideReason } };

    [Fact]
    public async Task The_neridronate_variant_without_its_minimum_infusion_time_is_refused_naming_the_parameter_and_nothing_is_stored()
    {
        var coordinator = await api.Coordinator;
        var patientId = await AdultAsync();

        var refused = await (await coordinator.PostJsonAsync("/api/instances", Start(patientId, new JsonObject { ["drug"] = "neridronate" })))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, Parameter);

        Assert.Contains("must be set by the service", refused["errors"]![Parameter]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await coordinator.GetJsonAsync($"/api/instances?patientId={patientId}")).Items());
    }

    [Fact]
    public async Task A_clinicians_reason_does_not_start_it_either()
    {
        var patientId = await AdultAsync();

        await (await (await api.Clinician).PostJsonAsync("/api/instances",
                Start(patientId, new JsonObject { ["drug"] = "neridronate" }, "agreed at the pain MDT")))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, Parameter);
    }

    [Fact]
    public async Task Set_by_the_service_it_starts_and_the_pamidronate_default_never_needed_it()
    {
        var coordinator = await api.Coordinator;

        // 90 minutes stands in for the service's own protocol value: the reference gives none.
        await (await coordinator.PostJsonAsync("/api/instances",
                Start(await AdultAsync(), new JsonObject { ["drug"] = "neridronate", ["neridronateInfusionTime"] = "90min" })))
            .ExpectAsync(HttpStatusCode.Created);
        await (await coordinator.PostJsonAsync("/api/instances", Start(await AdultAsync(), new JsonObject())))
            .ExpectAsync(HttpStatusCode.Created);
    }
}

public sealed class SqliteRequiredSettingsTests(SqliteAppFactory factory) : RequiredSettingsTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresRequiredSettingsTests(PostgresAppFactory factory) : RequiredSettingsTests(factory), IClassFixture<PostgresAppFactory>;
