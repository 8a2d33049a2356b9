using System.Net;
using System.Text.Json.Nodes;
using CarePathway.Server.Tests.Infrastructure;

namespace CarePathway.Server.Tests.Features;

/// <summary>
/// Two requests claiming the same unique key at once: one wins, every other answers 409 naming the
/// key (from the database's unique index when both passed the handler's own check), never a 500.
/// </summary>
public abstract class UniqueKeyRaceTests(CarePathwayAppFactory factory)
{
    private const int Racers = 8;

    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private static async Task<IReadOnlyList<JsonNode>> RaceAsync(Func<int, Task<HttpResponseMessage>> send)
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(i => Task.Run(() => send(i))));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == HttpStatusCode.Created) == 1 && statuses.Count(s => s == HttpStatusCode.Conflict) == Racers - 1,
            $"expected one 201 and {Racers - 1} 409s, got {string.Join(", ", statuses.Select(s => (int)s))}");
        return [.. await Task.WhenAll(responses.Where(r => r.StatusCode == HttpStatusCode.Conflict).Select(r => r.ExpectProblemAsync(HttpStatusCode.Conflict)))];
    }

    [Fact]
    public async Task The_same_mrn_created_at_once_is_one_patient_and_409s_naming_the_mrn()
    {
        var patient = CarePathwayApi.NewPatientJson();
        var clients = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => api.SignInAsync(DemoUsers.Coordinator)));

        var conflicts = await RaceAsync(i => clients[i].PostJsonAsync("/api/patients", patient));

        Assert.All(conflicts, c => Assert.Contains(patient.Str("mrn"), c.ToJsonString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_draft_of_a_definition_created_at_once_is_one_draft_and_409s_naming_the_definition()
    {
        var document = await api.SampleCopyAsync();
        var clients = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => api.SignInAsync(DemoUsers.Administrator)));

        var conflicts = await RaceAsync(i => clients[i].PostJsonAsync("/api/definitions", document));

        Assert.All(conflicts, c => Assert.Contains(document.Str("definitionId"), c.ToJsonString(), StringComparison.Ordinal));
        var versions = await (await api.Administrator).GetJsonAsync($"/api/definitions/{document.Str("definitionId")}");
        Assert.Equal(1, versions["version"]?.GetValue<int>());
    }
}

public sealed class SqliteUniqueKeyRaceTests(SqliteAppFactory factory) : UniqueKeyRaceTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresUniqueKeyRaceTests(PostgresAppFactory factory) : UniqueKeyRaceTests(factory), IClassFixture<PostgresAppFactory>;
