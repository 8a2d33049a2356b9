using CarePathway.Engine.Activities;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Server.Features.Engine;

internal static class EngineServices
{
    public static IServiceCollection AddEngine(this IServiceCollection services)
    {
        services.AddSingleton(ActivityCatalog.Default);
        services.AddSingleton<DefinitionValidator>();
        services.AddSingleton(sp => new WorkflowRunner(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<CompiledDefinitions>();
        services.AddScoped<InstanceStore>();
        services.AddScoped<PatientContexts>();
        services.AddScoped<StimulusDelivery>();
        return services;
    }
}
