using CarePathway.Server.Features;
using CarePathway.Server.Hosting;
using CarePathway.Server.Persistence;
using CarePathway.Server.Scheduling;
using CarePathway.Server.Security;
using CarePathway.Server.Security.Accounts;
using CarePathway.Server.Security.PatientAccess;
using CarePathway.Server.Security.Sso;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddPersistence()
    .AddScheduling()
    .AddSecurity(builder.Configuration)
    .AddKeyRing(builder.Configuration, builder.Environment)
    .AddFeatures()
    .AddErrorHandling()
    .AddApiJson()
    .AddRequestGuards()
    .AddApiDocumentation()
    .AddHealth()
    .AddTelemetry(builder.Configuration);

var app = builder.Build();

// Schema first (EF tables; Hangfire's schema is created with its storage), then the key ring's first key, roles and
// (Development) demo users; the job server's hosted service starts after this, with app.Run.
await app.Services.WithStartupLockAsync(async () =>
{
    await app.Services.MigrateDatabaseAsync();
    app.Services.PrepareKeyRing(app.Environment);
    await app.Services.SeedSecurityAsync(app.Environment);
    await app.Services.ImportWorkflowsAsync(app.Configuration);
});

app.UseSecurityFront();
app.UseErrorHandling();
app.UseRequestSecurity();
app.UseWebApp();
app.UseSignedInUsers();
app.UseRequestGuards();

app.MapHealthEndpoints();
app.MapApiDocumentation();
app.MapAuthEndpoints();
app.MapAccountEndpoints();
app.MapAccessGrantEndpoints();
app.MapAuditEndpoints();
app.MapSsoEndpoints();
app.MapFeatureEndpoints();
app.MapJobsDashboard();

await app.RunAsync();

/// <summary>Public so that WebApplicationFactory&lt;Program&gt; can host the app in tests.</summary>
public partial class Program;
