using System.Net;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace CarePathway.Server.Tests.Fhir;

/// <summary>
/// A search answers in pages a client walks by the bundle's next link; every page counts all matches, and a resource
/// changed while the client pages is met again at the end instead of pushing another one out of sight.
/// </summary>
public abstract class FhirSearchPagingTests(CarePathwayAppFactory factory)
{
    private readonly CarePathwayApi api = CarePathwayApi.For(factory);

    private Task<HttpClient> Lab => api.UserInRoleAsync("lab-interface", Roles.Coordinator);

    [Fact]
    public async Task Pages_follow_the_next_link_to_the_end_and_a_result_withdrawn_meanwhile_comes_back_last()
    {
        var patientId = await api.CreatePatientAsync();
        var mrn = (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}")).Str("mrn");
        var lab = await Lab;
        // Only what is sent below: the patient's weight and height came before.
        var since = $"_lastUpdated=gt{Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}";
        var sent = new List<Observation>();
        foreach (var value in new[] { 0.51m, 0.52m, 0.53m, 0.54m, 0.55m })
        {
            var result = FhirHttp.Lab(mrn, "2160-0", value, "mg/dL");
            await (await lab.PostFhirAsync("/fhir/Observation", result)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.Created);
            sent.Add(result);
        }

        var first = await lab.SearchAsync($"Observation?patient=Patient/{patientId}&{since}&_count=2");
        Assert.Equal(5, first.Total);
        Assert.Equal(2, first.Entry.Count);
        Assert.EndsWith($"/fhir/Observation?patient=Patient/{patientId}&{Uri.UnescapeDataString(since)}&_count=2", Uri.UnescapeDataString(Assert.IsType<Uri>(first.SelfLink).ToString()));

        // The first result of the first page is withdrawn between two pages: it moves to the end of the order.
        var withdrawn = (Observation)sent[0].DeepCopy();
        withdrawn.Status = ObservationStatus.EnteredInError;
        withdrawn.Value = null;
        await (await lab.PostFhirAsync("/fhir/Observation", withdrawn)).ExpectFhirAsync<OperationOutcome>(HttpStatusCode.OK);

        var seen = first.Entry.Select(e => Assert.IsType<Observation>(e.Resource)).ToList();
        var next = first.NextLink;
        var pages = 1;
        while (next is not null)
        {
            var page = await (await lab.GetAsync(next)).ExpectFhirAsync<Bundle>(HttpStatusCode.OK);
            Assert.Equal(5, page.Total);
            Assert.InRange(page.Entry.Count, 1, 2);
            seen.AddRange(page.Entry.Select(e => Assert.IsType<Observation>(e.Resource)));
            next = page.NextLink;
            pages++;
        }

        Assert.Equal(3, pages);
        Assert.Equal(6, seen.Count);
        Assert.Equal([0.51m, 0.52m, 0.53m, 0.54m, 0.55m], seen.Where(o => o.Status == ObservationStatus.Final).Select(o => Assert.IsType<Quantity>(o.Value).Value).Order());
        var last = seen[^1];
        Assert.Equal(ObservationStatus.EnteredInError, last.Status);
        Assert.Equal(seen[0].Id, last.Id);
    }

    [Fact]
    public async Task A_count_of_zero_answers_the_total_alone()
    {
        var patientId = await api.CreatePatientAsync();
        var mrn = (await (await api.Coordinator).GetJsonAsync($"/api/patients/{patientId}")).Str("mrn");
        var lab = await Lab;
        var since = $"_lastUpdated=gt{Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}";
        await (await lab.PostFhirAsync("/fhir", FhirHttp.Transaction(FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL"), FhirHttp.Lab(mrn, "29265-6", 2.35m, "mmol/L"))))
            .ExpectFhirAsync<Bundle>(HttpStatusCode.OK);

        var counted = await lab.SearchAsync($"Observation?patient=Patient/{patientId}&{since}&_count=0");
        Assert.Equal(2, counted.Total);
        Assert.Empty(counted.Entry);
        Assert.Null(counted.NextLink);
    }

    [Theory]
    [InlineData("_count=many", "_count")]
    [InlineData("_count=-1", "_count")]
    [InlineData("_count=1001", "_count")]
    [InlineData("_cursor=not-a-cursor", "_cursor")]
    [InlineData("_cursor=MTIz", "_cursor")]
    public async Task A_page_size_or_cursor_this_server_did_not_give_is_a_400_naming_it(string query, string parameter)
    {
        var lab = await Lab;
        await (await lab.GetAsync($"/fhir/CarePlan?{query}")).ExpectOutcomeAsync(HttpStatusCode.BadRequest, parameter);
    }
}

public sealed class SqliteFhirSearchPagingTests(SqliteAppFactory factory) : FhirSearchPagingTests(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresFhirSearchPagingTests(PostgresAppFactory factory) : FhirSearchPagingTests(factory), IClassFixture<PostgresAppFactory>;
