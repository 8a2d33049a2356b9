using System.Net.Http.Json;
using System.Text.Json;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CarePathway.Benchmarks;

/// <summary>
/// The whole server in this process, on a benchmark database, in Development (the demo users exist) with the shipped
/// workflows. The server's own Program is found from any type of its assembly: this program has a top-level Program
/// of its own.
/// </summary>
internal sealed class BenchmarkServer(DatabaseProvider provider, string connectionString, bool scheduling) : WebApplicationFactory<CarePathwayDbContext>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(Path.Combine(RepoPaths.Root, "src", "CarePathway.Server"));
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:CarePathway", connectionString);
        builder.UseSetting("Scheduling:Enabled", scheduling ? "true" : "false");
        builder.UseSetting("Workflows:Folder", Path.Combine(RepoPaths.Root, "workflows"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    /// <summary>Signs a demo user in and returns their bearer token.</summary>
    public static async Task<string> BearerTokenAsync(HttpClient client, string userName, CancellationToken ct)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = SecuritySeeder.DemoPassword }, ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }
}
