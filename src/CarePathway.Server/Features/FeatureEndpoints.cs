using CarePathway.Server.Features.Common;
using CarePathway.Server.Features.Definitions;
using CarePathway.Server.Features.Engine;
using CarePathway.Server.Features.Events;
using CarePathway.Server.Features.Fhir;
using CarePathway.Server.Features.Instances;
using CarePathway.Server.Features.Live;
using CarePathway.Server.Features.Moves;
using CarePathway.Server.Features.Operations;
using CarePathway.Server.Features.Patients;
using CarePathway.Server.Features.Services;
using CarePathway.Server.Features.Staff;
using CarePathway.Server.Features.Tasks;
using CarePathway.Server.Features.Timers;
using CarePathway.Server.Hosting;
using CarePathway.Server.Scheduling;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CarePathway.Server.Features;

/// <summary>The features layer: MediatR handlers, the engine's services, and the <c>/api</c> endpoint groups.</summary>
public static class FeatureEndpoints
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddMediator();
        services.AddSingleton<IInterceptor, StorableValues>();
        services.AddEngine();
        services.AddScoped<DefinitionImporter>();
        services.AddScoped<ObservationDeliveries>();
        services.AddScoped<MovePlanner>();
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.SectionName);
        services.AddSingleton<PendingDeliverySweep>();
        services.AddHostedService(sp => sp.GetRequiredService<PendingDeliverySweep>());
        services.AddSingleton<ITimerFiredHandler, TimerFiredHandler>();
        services.AddSingleton<ITimerFailureHandler, TimerFailureHandler>();
        services.AddFhir();
        services.AddOptions<LiveUpdateOptions>().BindConfiguration(LiveUpdateOptions.SectionName);
        services.AddSingleton<ChangeFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeed>());
        // Registered ahead of the generic handler so the features' errors keep their status codes.
        services.AddExceptionHandler<FeatureExceptionHandler>();
        return services;
    }

    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        // Every feature endpoint needs a signed-in user (the fallback policy): each can answer 401.
        var api = app.MapGroup("/api").ProducesProblems(Problems.Unauthorized).ProducesTooLargeForBodies();
        api.MapPatientEndpoints();
        api.MapDefinitionEndpoints();
        api.MapInstanceEndpoints();
        api.MapMoveEndpoints();
        api.MapTaskEndpoints();
        api.MapStaffEndpoints();
        api.MapServiceEndpoints();
        api.MapLiveEndpoints();
        api.MapOperationsEndpoints();
        app.MapFhirEndpoints();
        return app;
    }

    /// <summary>Imports the shipped definitions (after migrations). The folder is <c>Workflows:Folder</c>, by default the one copied next to the app.</summary>
    public static async Task ImportWorkflowsAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken ct = default)
    {
        var folder = configuration["Workflows:Folder"] ?? Path.Combine(AppContext.BaseDirectory, "workflows");
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DefinitionImporter>().ImportAsync(folder, ct);
    }
}
