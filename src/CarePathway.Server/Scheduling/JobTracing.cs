using System.Diagnostics;
using Hangfire.Server;

namespace CarePathway.Server.Scheduling;

/// <summary>
/// A span per Hangfire job run (source <see cref="SourceName"/>, collected with the product's own by
/// <see cref="Hosting.Telemetry"/>): named by the job's method, tagged with the job id, its attempt and its
/// arguments' first value (a timer's instance), an error status when it threw. The database spans the job makes
/// are its children. Without a listener (no OTLP endpoint) no span is created.
/// </summary>
internal sealed class JobTracing : IServerFilter
{
    public const string SourceName = "CarePathway.Jobs";
    private const string ItemKey = "CarePathway.Jobs.Activity";

    private static readonly ActivitySource Source = new(SourceName);

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var activity = Source.StartActivity($"{job.Type.Name}.{job.Method.Name}", ActivityKind.Consumer);
        if (activity is null) return;
        activity.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        activity.SetTag("hangfire.job.attempt", context.GetJobParameter<int?>("RetryCount") is { } retries ? retries + 1 : 1);
        if (job.Args.FirstOrDefault(a => a is not CancellationToken) is { } first) activity.SetTag("hangfire.job.argument", first.ToString());
        context.Items[ItemKey] = activity;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (!context.Items.TryGetValue(ItemKey, out var item) || item is not Activity activity) return;
        if (context.Exception is { } failure && !context.ExceptionHandled)
        {
            activity.SetStatus(ActivityStatusCode.Error, failure.InnerException?.Message ?? failure.Message);
        }

        activity.Stop();
    }
}
