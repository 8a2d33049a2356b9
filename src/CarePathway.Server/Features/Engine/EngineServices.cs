using CarePathway.Engine.Activities;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;

namespace CarePathway.Server.Features.Engine;

internal static class EngineServices
{
    public static IServiceCollection AddEngine(this IServiceCollection services)
    {
        services.AddSingleton(ActivityCatalog.Default);
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton<CompiledDefinitions>();
        // Recorded into whether or not anything exports them (Hosting/Telemetry decides): with no listener a
        // recording is a flag check.
        services.AddMetrics();
        services.AddSingleton<RuntimeMetrics>();
        // One unit of work per scope (a command): the runtime and its EF ports share the scope's DbContext.
        services.AddScoped<EfInstanceStore>();
        services.AddScoped<EfPatientRecords>();
        services.AddScoped<EfDefinitionSource>();
        services.AddScoped(sp => new PathwayRuntime(sp.GetRequiredService<EfInstanceStore>(), sp.GetRequiredService<EfPatientRecords>(),
            sp.GetRequiredService<EfDefinitionSource>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<RuntimeMetrics>()));
        return services;
    }
}
