namespace CarePathway.Server.Features;

/// <summary>
/// The hook where the features layer plugs in. Program.cs calls <see cref="AddFeatures"/> and
/// <see cref="MapFeatureEndpoints"/>; fill them from the feature folders (endpoint groups under
/// <c>/api</c>, MediatR handlers, the <c>ITimerFiredHandler</c> implementation).
/// </summary>
public static class FeatureEndpoints
{
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        return services;
    }

    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        return app;
    }
}
