using CarePathway.Server.Security;
using Hangfire;
using Hangfire.Common;
using Hangfire.Dashboard;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>Where the Hangfire Dashboard is served, to administrators only.</summary>
    public const string DashboardPath = "/jobs";

    /// <summary>
    /// Hangfire on the product's database (PostgreSQL) or in memory (SQLite), the timer outbox dispatcher
    /// (<see cref="ITimerDispatcher"/>, scoped) and the hosted service that runs them. <see cref="ITimerFiredHandler"/>
    /// and <see cref="ITimerFailureHandler"/> are registered by the features layer. Every Hangfire service is built
    /// here for this host (storage, filters, clients): none of Hangfire's process-wide configuration is used, so one
    /// process can host several apps (the tests do).
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName);
        services.AddSingleton<JobStorageFactory>();
        services.AddSingleton(sp => sp.GetRequiredService<JobStorageFactory>().Create());
        services.AddSingleton<IJobFilterProvider>(sp => JobFilters(sp.GetRequiredService<IOptions<SchedulingOptions>>().Value));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>(), sp.GetRequiredService<IJobFilterProvider>()));
        services.AddSingleton<JobStorageProbe>();
        services.AddSingleton<TimerOutboxSignal>();
        services.AddSingleton<IInterceptor, TimerOutboxInterceptor>();
        services.AddScoped<ITimerDispatcher, TimerDispatcher>();
        services.AddHostedService<JobServerHostedService>();

        // What Hangfire's dashboard endpoint looks up in the container: its marker that Hangfire is set up, and its routes.
        services.AddSingleton(GlobalConfiguration.Configuration);
        services.AddSingleton(DashboardRoutes.Routes);
        return services;
    }

    /// <summary>
    /// The Hangfire Dashboard at <see cref="DashboardPath"/>: administrators only (cookie or bearer, as every endpoint:
    /// 401 without a user, 403 for other roles), and read-only, for everyone: re-queueing a timer's job could fire a
    /// clinical step twice and deleting one would lose a timer. Incidents are retried through the product.
    /// </summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints)
    {
        var options = new DashboardOptions
        {
            // The endpoint's policy authorizes; Hangfire's default filter would allow local requests only.
            Authorization = [],
            AsyncAuthorization = [],
            IsReadOnlyFunc = _ => true,
            DisplayStorageConnectionString = false,
            DashboardTitle = "CarePathway jobs",
            AppPath = "/",
        };
        return endpoints.MapHangfireDashboard(DashboardPath, options, endpoints.ServiceProvider.GetRequiredService<JobStorage>())
            .RequireAuthorization(Policies.AdministratorOnly);
    }

    /// <summary>
    /// Hangfire's retries are the only retries of a job: <see cref="SchedulingOptions.MaxRetries"/>, spaced by
    /// <see cref="SchedulingOptions.RetryDelay"/> doubling. Then a timer raises an incident (<see cref="TimerJob"/>); other
    /// jobs stay failed in the dashboard (a recurring job runs again at its next occurrence).
    /// </summary>
    private static JobFilterProviderCollection JobFilters(SchedulingOptions settings)
    {
        var filters = new JobFilterCollection
        {
            new AutomaticRetryAttribute
            {
                Attempts = settings.MaxRetries,
                DelayInSecondsByAttemptFunc = attempt => (int)Math.Ceiling(settings.RetryDelay.TotalSeconds * Math.Pow(2, attempt - 1)),
            },
            new StatisticsHistoryAttribute(),
            new JobTracing(),
        };
        return new JobFilterProviderCollection(filters, new JobFilterAttributeFilterProvider());
    }
}
