using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Hosting;
using CarePathway.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CarePathway.Server.Tests.Api;

/// <summary>
/// Telemetry as an operator gets it: nothing collected without an OTLP endpoint, traces, metrics and logs sent to
/// one when it is set, the engine's metrics for a transition made through the API, JSON log lines that carry the
/// trace id of their request.
/// </summary>
public abstract class TelemetryTests<TFactory>(TFactory factory)
    where TFactory : CarePathwayAppFactory
{
    private const int FlushTimeoutMs = 30_000;

    /// <summary>A second server on the class's (already migrated) database, with settings of its own.</summary>
    private ExistingDatabaseAppFactory Server(params (string Key, string Value)[] settings)
    {
        var server = new ExistingDatabaseAppFactory(factory.Provider, factory.ConnectionString);
        foreach (var (key, value) in settings) server.WithSetting(key, value);
        return server;
    }

    [Fact]
    public void Without_an_otlp_endpoint_no_telemetry_provider_is_built()
    {
        Assert.Null(factory.Services.GetService<TracerProvider>());
        Assert.Null(factory.Services.GetService<MeterProvider>());
        Assert.Null(factory.Services.GetService<LoggerProvider>());
    }

    [Fact]
    public async Task A_transition_made_through_the_api_is_counted_by_the_engine_metrics()
    {
        var meters = factory.Services.GetRequiredService<IMeterFactory>();
        var triggers = new List<string?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "carepathway.engine.transitions") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == RuntimeMetrics.TriggerTag) lock (triggers) triggers.Add((string?)tag.Value);
            }
        });
        listener.Start();

        await CarePathwayApi.For(factory).StartAtApprovalAsync();

        lock (triggers) Assert.Contains(RuntimeTriggers.Start, triggers);
    }

    [Fact]
    public async Task With_an_otlp_endpoint_traces_metrics_and_logs_are_exported_there_and_tasks_are_counted_from_the_database()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var server = Server((Telemetry.EndpointKey, collector.Endpoint), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        await server.RunAsync(async app =>
        {
            await CarePathwayApi.For(app).StartAtApprovalAsync();
            var openTasks = ObserveOpenTasks(app.Services.GetRequiredService<IMeterFactory>());

            Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush(FlushTimeoutMs));
            Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush(FlushTimeoutMs));
            Assert.True(app.Services.GetRequiredService<LoggerProvider>().ForceFlush(FlushTimeoutMs));
            Assert.True(openTasks >= 1, $"open tasks: {openTasks}");
            return true;
        });

        Assert.Equal(["logs", "metrics", "traces"], collector.Received.Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>What the tasks gauge answers now for open tasks (it reads the database when collected).</summary>
    [Fact]
    public async Task A_timer_job_run_is_a_span_named_by_the_job_with_its_instance()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "CarePathway.Jobs",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) spans.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var api = CarePathwayApi.For(factory);
        var (instanceId, approvalId) = await api.StartAtApprovalAsync(followUpAfter: "1s");
        await (await CarePathwayApi.CompleteAsync(await api.Clinician, approvalId, "approved")).ExpectAsync(System.Net.HttpStatusCode.OK);

        await api.WaitForStatusAsync(instanceId, "completed");

        var span = await Eventually.UntilAsync(() =>
        {
            lock (spans) return Task.FromResult(spans.FirstOrDefault(a => Equals(a.GetTagItem("hangfire.job.argument"), instanceId.ToString())));
        }, a => a is not null, "the timer job's span");
        Assert.Equal(("TimerJob.Fire", ActivityKind.Consumer, ActivityStatusCode.Unset), (span!.DisplayName, span.Kind, span.Status));
        Assert.NotNull(span.GetTagItem("hangfire.job.id"));
    }

    private static long ObserveOpenTasks(IMeterFactory meters)
    {
        long open = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "carepathway.tasks") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "carepathway.task.status" && (string?)tag.Value == "open") open = value;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return open;
    }

    [Fact]
    public async Task A_json_log_line_written_during_a_request_carries_the_trace_id_of_the_request()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var server = Server(
            ("Logging:Console:FormatterName", "json"),
            ("Logging:Console:FormatterOptions:IncludeScopes", "true"),
            ("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information"));
        var written = new StringWriter();
        var console = Console.Out;
        // The console logger takes Console.Out when the host is built; other tests' output may land here too.
        Console.SetOut(TextWriter.Synchronized(written));
        try
        {
            _ = server.Server;
        }
        finally
        {
            Console.SetOut(console);
        }

        await server.RunAsync(async app =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            return (await app.CreateClient().SendAsync(request)).EnsureSuccessStatusCode();
        });

        // Stopping the server flushed the console logger's queue.
        var lines = written.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => line.Contains(traceId, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        using var entry = JsonDocument.Parse(lines[0]);
        var scopes = entry.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
        Assert.Contains(scopes, s => s.TryGetProperty("SpanId", out var id) && id.GetString()?.Length == 16);
        Assert.Contains(scopes, s => s.TryGetProperty("RequestPath", out var path) && path.GetString() == "/health/live");
    }
}

public sealed class SqliteTelemetryTests(SqliteAppFactory factory) : TelemetryTests<SqliteAppFactory>(factory), IClassFixture<SqliteAppFactory>;

public sealed class PostgresTelemetryTests(PostgresAppFactory factory) : TelemetryTests<PostgresAppFactory>(factory), IClassFixture<PostgresAppFactory>;
