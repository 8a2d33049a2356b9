using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CarePathway.Server.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>
    /// Quartz on the server's database, the timer outbox dispatcher (<see cref="ITimerDispatcher"/>,
    /// scoped) and the hosted service that runs them. <see cref="ITimerFiredHandler"/> is registered
    /// by the features layer.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.SectionName);
        services.AddSingleton<QuartzSchedulerHolder>();
        services.AddSingleton<TimerOutboxSignal>();
        services.AddSingleton<IInterceptor, TimerOutboxInterceptor>();
        services.AddScoped<ITimerDispatcher, TimerDispatcher>();
        services.AddHostedService<SchedulerHostedService>();
        return services;
    }
}
