using Quartz;
using Quartz.Spi;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// Creates each job in a new DI scope (so a job gets its own DbContext) and disposes the scope
/// when the job has run. Job types need not be registered: they are built with
/// <see cref="ActivatorUtilities"/> from the scope.
/// </summary>
internal sealed class ServiceProviderJobFactory(IServiceScopeFactory scopes) : IJobFactory
{
    public IJob NewJob(TriggerFiredBundle bundle, IScheduler scheduler)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var job = (IJob)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, bundle.JobDetail.JobType);
            return new ScopedJob(scope, job);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    public void ReturnJob(IJob job)
    {
        if (job is ScopedJob scoped)
        {
            scoped.DisposeIfNotRun();
        }
    }

    private sealed class ScopedJob(AsyncServiceScope scope, IJob inner) : IJob
    {
        private int disposed;

        public async Task Execute(IJobExecutionContext context)
        {
            try
            {
                await inner.Execute(context);
            }
            finally
            {
                if (Interlocked.Exchange(ref disposed, 1) == 0)
                {
                    await scope.DisposeAsync();
                }
            }
        }

        public void DisposeIfNotRun()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                scope.Dispose();
            }
        }
    }
}
