using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CarePathway.Server.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs, exported by OTLP, only when <see cref="EndpointKey"/> is set (the
/// standard variable; the other standard <c>OTEL_*</c> settings, such as the protocol, headers and service name,
/// apply as the SDK defines them). Without it no provider is built: nothing listens to the sources and meters, so
/// an activity is never created and a measurement is a flag check.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name when <c>OTEL_SERVICE_NAME</c> does not give one.</summary>
    public const string ServiceName = "carepathway";

    /// <summary>
    /// Every source and meter of ours is collected by this prefix: a component adds its own (the job system's spans
    /// and metrics, say <c>CarePathway.Jobs</c>) without a line here.
    /// </summary>
    public const string OwnPrefix = "CarePathway.*";

    /// <summary>Npgsql reports its commands and its pool under this name (SQLite reports nothing: no database spans there).</summary>
    private const string Npgsql = "Npgsql";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[EndpointKey])) return services;

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? ServiceName))
            .WithTracing(tracing => tracing
                // A probe every few seconds from each load balancer would drown the traces worth reading.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddSource(Npgsql, OwnPrefix))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Npgsql, OwnPrefix)
                .AddInstrumentation(provider => ActivatorUtilities.CreateInstance<TaskMetrics>(provider)))
            .WithLogging()
            .UseOtlpExporter();
        return services;
    }
}
