using CarePathway.Server.Features;
using CarePathway.Server.Hosting;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddPersistence()
    .AddScheduling()
    .AddSecurity()
    .AddFeatures()
    .AddErrorHandling()
    .AddApiJson()
    .AddApiDocumentation()
    .AddHealth()
    .AddTelemetry(builder.Configuration);

var app = builder.Build();

// Schema first (EF tables and QRTZ_ tables), then roles and (Development) demo users; the
// scheduler's hosted service starts after this, with app.Run.
await app.Services.MigrateDatabaseAsync();
await app.Services.SeedSecurityAsync(app.Environment);
await app.Services.ImportWorkflowsAsync(app.Configuration);

app.UseErrorHandling();
app.UseWebApp();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthEndpoints();
app.MapApiDocumentation();
app.MapAuthEndpoints();
app.MapFeatureEndpoints();

await app.RunAsync();

/// <summary>Public so that WebApplicationFactory&lt;Program&gt; can host the app in tests.</summary>
public partial class Program;
