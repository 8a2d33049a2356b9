extern alias cli;

using cli::CarePathway.Cli.Commands;
using CarePathway.Server.Security;
using CarePathway.Server.Tests.Infrastructure;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace CarePathway.Server.Tests.Fhir;

/// <summary>
/// <c>carepathway import-fhir</c> against a real server on Kestrel: an exported bundle's patient and results are
/// stored, the bad result is refused and named in the summary, and the same file again stores nothing twice.
/// </summary>
[Collection(Features.CommandLineAgainstAServer.Name)]
public sealed class ImportFhirCommandTests(KestrelServer host) : IClassFixture<KestrelServer>
{
    private readonly CarePathwayAppFactory factory = host.Factory;
    private readonly Uri server = host.Address;

    [Fact]
    public async Task An_exported_bundle_is_imported_with_a_summary_of_what_was_stored_and_refused()
    {
        var mrn = "MRN-" + Guid.NewGuid().ToString("N")[..10];
        var export = new Bundle
        {
            Type = Bundle.BundleType.Collection,
            Entry =
            [
                // Results first in the file: the command sends the patient before them.
                new Bundle.EntryComponent { Resource = FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/dL") },
                new Bundle.EntryComponent { Resource = FhirHttp.Lab(mrn, "29265-6", 2.35m, "mmol/L") },
                new Bundle.EntryComponent { Resource = FhirHttp.Lab(mrn, "2160-0", 0.55m, "mg/L", accession: "bad-unit") },
                new Bundle.EntryComponent
                {
                    Resource = new Patient
                    {
                        Identifier = [new Identifier(FhirHttp.MrnSystem, mrn)], Name = [new HumanName { Family = "Hopper", Given = ["Grace"] }],
                        Gender = AdministrativeGender.Female, BirthDate = "2013-12-09",
                    },
                },
            ],
        };
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, FhirHttp.Json(export));
        await CarePathwayApi.For(factory).UserInRoleAsync("lab-export", Roles.Coordinator);
        Environment.SetEnvironmentVariable("CAREPATHWAY_PASSWORD", SecuritySeeder.DemoPassword);
        try
        {
            var (exit, output, progress) = Run(file);
            Assert.Equal(1, exit);
            Assert.Contains("4 resources: 3 stored, 0 already there, 1 refused", output, StringComparison.Ordinal);
            Assert.Contains("refused: entry 3 (Observation bad-unit): 422: Observation.valueQuantity.code:", output, StringComparison.Ordinal);
            Assert.Contains("[##############################] 4/4", progress, StringComparison.Ordinal);

            var again = Run(file);
            Assert.Contains("4 resources: 0 stored, 3 already there, 1 refused", again.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAREPATHWAY_PASSWORD", null);
            File.Delete(file);
        }

        var coordinator = await CarePathwayApi.For(factory).Coordinator;
        var patients = await coordinator.GetJsonAsync($"/api/patients?search={mrn}");
        var patientId = Assert.Single(patients.Items()).Id();
        Assert.Equal(2, (await coordinator.GetJsonAsync($"/api/patients/{patientId}"))["labs"]!.AsArray().Count);
    }

    [Fact]
    public void A_refused_sign_in_stops_before_sending_and_a_missing_file_is_a_usage_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, FhirHttp.Json(new Bundle { Type = Bundle.BundleType.Collection, Entry = [new Bundle.EntryComponent { Resource = FhirHttp.Lab("MRN-x", "2160-0", 1m, "mg/dL") }] }));
        try
        {
            Environment.SetEnvironmentVariable("CAREPATHWAY_PASSWORD", "not-the-password");
            var refused = Run(file, user: "coordinator");
            Assert.Equal(1, refused.Exit);
            Assert.Contains("refused to sign in coordinator", refused.Progress, StringComparison.Ordinal);
            Assert.Equal(2, Run(file + ".missing").Exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAREPATHWAY_PASSWORD", null);
            File.Delete(file);
        }
    }

    private (int Exit, string Output, string Progress) Run(string file, string user = "lab-export")
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = ImportFhirCommand.Run([file, "--server", server.ToString(), "--user", user], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}

/// <summary>The server on Kestrel at a free port (on SQLite: the command is tested here, the database by the other FHIR tests).</summary>
public sealed class KestrelServer : IAsyncLifetime
{
    public SqliteAppFactory Factory { get; } = new();

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Factory.InitializeAsync();
        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Factory.ClientOptions.BaseAddress = Address;
    }

    public Task DisposeAsync() => Factory.DisposeAsync();
}
