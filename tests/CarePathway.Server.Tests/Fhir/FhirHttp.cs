using System.Net;
using System.Text;
using CarePathway.Server.Features.Fhir;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace CarePathway.Server.Tests.Fhir;

/// <summary>FHIR over HTTP as a laboratory system or an EHR speaks it: resources in <c>application/fhir+json</c>, lab results as Observations.</summary>
public static class FhirHttp
{
    public const string MrnSystem = "urn:carepathway:mrn";

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    public static StringContent Content(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    public static string Json(Resource resource) => Serializer.SerializeToString(resource);

    public static Task<HttpResponseMessage> PostFhirAsync(this HttpClient client, string url, Resource resource) =>
        client.PostAsync(url, Content(Serializer.SerializeToString(resource)));

    public static async Task<T> ExpectFhirAsync<T>(this HttpResponseMessage response, HttpStatusCode status) where T : Resource
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        return Assert.IsType<T>(Deserializer.DeserializeResource(body));
    }

    /// <summary>A refusal: the status, and an OperationOutcome whose issues name <paramref name="expressions"/>.</summary>
    public static async Task<OperationOutcome> ExpectOutcomeAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] expressions)
    {
        var outcome = await response.ExpectFhirAsync<OperationOutcome>(status);
        foreach (var expression in expressions)
            Assert.True(outcome.Issue.Any(i => i.Expression.Contains(expression)), $"no issue on {expression}: {string.Join("; ", outcome.Issue.Select(i => $"{string.Join(",", i.Expression)}: {i.Diagnostics}"))}");
        return outcome;
    }

    public static async Task<Bundle> SearchAsync(this HttpClient client, string query) =>
        await (await client.GetAsync($"/fhir/{query}")).ExpectFhirAsync<Bundle>(HttpStatusCode.OK);

    public static Bundle Transaction(params Resource[] resources) => BundleOf(Bundle.BundleType.Transaction, resources);

    public static Bundle Batch(params Resource[] resources) => BundleOf(Bundle.BundleType.Batch, resources);

    private static Bundle BundleOf(Bundle.BundleType type, Resource[] resources) => new()
    {
        Type = type,
        Entry = [.. resources.Select(r => new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:" + Guid.NewGuid(),
            Resource = r,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = r.TypeName },
        })],
    };

    /// <summary>A laboratory result for the patient with MRN <paramref name="mrn"/>, in UCUM, with its accession as identifier.</summary>
    public static Observation Lab(string mrn, string loinc, decimal value, string unit, DateTimeOffset? drawnAt = null, string? accession = null,
        ObservationStatus status = ObservationStatus.Final) => new()
    {
        Identifier = [new Identifier("urn:lab:results", accession ?? Guid.NewGuid().ToString("N"))],
        Status = status,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
        Code = new CodeableConcept("http://loinc.org", loinc),
        Subject = new ResourceReference($"Patient?identifier={MrnSystem}|{mrn}"),
        Effective = new FhirDateTime(drawnAt ?? DateTimeOffset.UtcNow.AddSeconds(-5)),
        Value = new Quantity { Value = value, Unit = unit, System = "http://unitsofmeasure.org", Code = unit },
    };

    /// <summary>Every error the Firely validator finds in a resource the server emitted (none expected).</summary>
    public static void AssertValid(Resource resource)
    {
        var errors = FhirProfileValidator.Errors(resource);
        Assert.True(errors.Count == 0, $"{resource.TypeName}/{resource.Id}: {string.Join("; ", errors.Select(e => $"{e.Expression}: {e.Message}"))}");
    }
}
