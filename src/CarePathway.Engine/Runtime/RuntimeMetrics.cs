using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Runtime;

/// <summary>
/// The engine's own metrics, on the <see cref="MeterName"/> meter: every transition a <see cref="PathwayRuntime"/>
/// handed to its store (count and duration, by trigger and cause), every lab gate's outcome, and how late each
/// timer resumed its instance. Only a host that passes one to the runtime records anything (the server does; the
/// simulator, whose clock is virtual, does not), and an instrument nobody listens to costs a flag check.
/// </summary>
/// <remarks>
/// Plain <see cref="System.Diagnostics.Metrics"/>, in the runtime library: no hosting or exporter dependency in the
/// engine. The host decides whether anything collects them (OpenTelemetry in the server, when an endpoint is set).
/// </remarks>
public sealed class RuntimeMetrics
{
    public const string MeterName = "CarePathway.Engine";

    /// <summary>Tag: what reached the runtime (start, task, timer, event, suspend, resume, cancel, retry).</summary>
    public const string TriggerTag = "carepathway.trigger";

    /// <summary>Tag: the journal's cause kind of the run (user, timer, event, system).</summary>
    public const string CauseTag = "carepathway.cause";

    /// <summary>Tag: the gate's name as the definition gives it.</summary>
    public const string GateTag = "carepathway.gate";

    /// <summary>Tag: passed or held.</summary>
    public const string GateOutcomeTag = "carepathway.gate.outcome";

    private readonly Counter<long> _transitions;
    private readonly Histogram<double> _transitionDuration;
    private readonly Counter<long> _gateOutcomes;
    private readonly Histogram<double> _timerLag;

    public RuntimeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _transitions = meter.CreateCounter<long>("carepathway.engine.transitions", "{transition}",
            "Runs that changed an instance, counted when the store accepted them.");
        _transitionDuration = meter.CreateHistogram<double>("carepathway.engine.transition.duration", "s",
            "From the engine taking the stimulus to the store accepting the run (the instance's load excluded).");
        _gateOutcomes = meter.CreateCounter<long>("carepathway.engine.gate.outcomes", "{outcome}",
            "Lab gate evaluations, by gate and outcome.");
        _timerLag = meter.CreateHistogram<double>("carepathway.engine.timer.lag", "s",
            "From a timer's due time to the moment it resumed its instance.");
    }

    /// <summary>Records a run the store accepted, <paramref name="elapsed"/> after the engine took its stimulus.</summary>
    internal void Transition(string trigger, RunResult result, TimeSpan elapsed)
    {
        if (!_transitions.Enabled && !_transitionDuration.Enabled && !_gateOutcomes.Enabled) return;
        var tags = new TagList
        {
            { TriggerTag, trigger },
            { CauseTag, result.Journal.Count > 0 ? result.Journal[0].Cause.Kind.WireName() : null },
        };
        _transitions.Add(1, tags);
        _transitionDuration.Record(elapsed.TotalSeconds, tags);

        foreach (var record in result.Journal)
        {
            if (record.Type is not (JournalTypes.GatePassed or JournalTypes.GateHeld)) continue;
            _gateOutcomes.Add(1,
                new KeyValuePair<string, object?>(GateTag, record.Data["gate"] is JsonValue name && name.TryGetValue<string>(out var gate) ? gate : record.ActivityId),
                new KeyValuePair<string, object?>(GateOutcomeTag, record.Outcome));
        }
    }

    /// <summary>Records how late a timer resumed its instance (negative: it resumed before its due time).</summary>
    internal void TimerFired(TimeSpan lag) => _timerLag.Record(lag.TotalSeconds);
}
