using System.Globalization;
using System.Text.Json.Nodes;
using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities.Clinical;

/// <summary>
/// The nurse or coordinator records the infusion actually given: dose, start and duration. It is only
/// offered when the cycle's plan was approved and a gate passed (or a clinician overrode it) since the
/// last dose; a recorded dose above the approved one, a shorter infusion than planned, or a start before
/// the interval rule allows is refused. Each administration consumes the clearance, so the next day of
/// a multi-day cycle needs its own gate. An infusion is recorded once it has run: one whose start and duration end
/// after now is refused. Outcomes: nextDose (more days in the cycle), cycleComplete, notGiven.
/// </summary>
public sealed class AdministerInfusionActivity : Activity<AdministerInfusionActivity.Inputs>
{
    /// <summary>The task's outcome for an infusion that was given (the simulator answers it once the infusion has run).</summary>
    public const string Given = "given";
    private const string NotGivenTask = "not-given";
    private static readonly IReadOnlyList<string> TaskOutcomes = [Given, NotGivenTask];

    public sealed record Inputs : LowClearanceInputs, ITaskDue
    {
        [Input("Who records the infusion (default coordinator).", OptionsOf = typeof(TaskRoles))]
        public string Role { get; init; } = TaskRoles.Coordinator;

        [Input(TaskInputs.Instructions)]
        public string Instructions { get; init; } = "Record the dose actually given, when it started and how long it ran.";

        [Input(TaskInputs.DueIn, ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? DueIn { get; init; }

        [Input(TaskInputs.RespondWithin, ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? RespondWithin { get; init; }

        [Input(ClearanceExpiry.InputDescription)]
        public bool RecheckWhenLabsExpire { get; init; }

        [Input("Work the infusion time out again before each dose (from the clearance then): " + InfusionTimes.InfusionTimeDescription, ExpressionType = ExpressionType.Duration)]
        public ExpressionInput? InfusionTime { get; init; }

    }

    protected override ActivityDescriptor About { get; } = new()
    {
        Type = "AdministerInfusion",
        DisplayName = "Administer infusion",
        Category = "Clinical",
        Description = "Records the dose given (never above the approved one) with its start and duration; loops per day of the cycle.",
        Outcomes = [Outcomes.NextDose, Outcomes.CycleComplete, Outcomes.NotGiven, Outcomes.LabsExpired],
        Blocking = true,
    };

    public override IReadOnlyList<string> OutcomesOf(Inputs inputs) =>
        inputs.RecheckWhenLabsExpire ? Descriptor.Outcomes : [.. Descriptor.Outcomes.Where(o => o != Outcomes.LabsExpired)];

    public override IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, Inputs inputs, WorkflowDefinition definition)
    {
        if (inputs.InfusionTime is null && (inputs.Clearance ?? inputs.LowClearanceBelow ?? inputs.LowClearanceInfusionTime) is not null)
            yield return new ValidationProblem(activity.Id, "inputs.infusionTime", "the low-clearance inputs work the infusion time out again: give infusionTime too");
        foreach (var problem in InfusionTimes.Check(activity, inputs)) yield return problem;
    }

    public override ActivityResult Execute(ActivityContext context, Inputs inputs)
    {
        var course = context.Course;
        var (plan, clearance) = course.ClearedPlan();
        if (inputs.RecheckWhenLabsExpire && ClearanceExpiry.ExpiredOrWatch(context)) return ClearanceExpiry.Lapse(context);
        var (day, dose) = course.NextDose();
        var timeExplanation = plan.InfusionExplanation;
        if (inputs.InfusionTime is { } infusionTime)
        {
            (var minutesNow, timeExplanation) = InfusionTimes.Minutes(context, infusionTime, inputs);
            course.TimeNextDose(minutesNow);
        }

        var minutes = course.MinimumInfusionMinutes();
        var title = string.Create(CultureInfo.InvariantCulture, $"Give {plan.Drug} {ClinicalFormat.N(dose)} mg (cycle {plan.Cycle}, day {day})")
            + (minutes > 0 ? $" over at least {minutes} minutes" : "");
        TaskInputs.CreateTask(context, new TaskSpec
        {
            Id = Guid.Empty,
            Kind = TaskKinds.AdministerInfusion,
            ActivityId = context.Activity.Id,
            Role = inputs.Role,
            Title = title,
            Instructions = inputs.Instructions,
            Form =
            [
                Field("doseMg", "Dose given (mg)", "number", dose),
                Field("startedAt", "Started at", "datetime", null),
                Field("infusionMinutes", "Infusion time (minutes)", "number", minutes),
            ],
            Outcomes = TaskOutcomes,
            ReasonRequiredFor = [NotGivenTask],
            DefaultOutcome = Given,
            DueAt = TaskInputs.DueAt(context, inputs),
            DueIsDeadline = inputs.RespondWithin is not null,
            Evidence = new JsonObject
            {
                ["drug"] = plan.Drug,
                ["cycle"] = plan.Cycle,
                ["cycleDay"] = day,
                ["approvedDoseMg"] = dose,
                ["minimumInfusionMinutes"] = minutes,
                ["infusionExplanation"] = timeExplanation,
                ["approvedBy"] = plan.DecidedBy,
                ["decision"] = plan.Decision?.WireName(),
                ["clearance"] = clearance.Kind.WireName(),
                ["notBefore"] = course.NextDoseNotBefore,
            },
        }, blocking: true);
        return ActivityResult.Wait;
    }

    public override IReadOnlyList<ValidationProblem> Refuses(Inputs inputs, InstanceState state, Stimulus stimulus, DateTimeOffset now)
    {
        if (stimulus is not TaskCompleted completion) return [];
        var problems = TaskCompletionRules.Check(TaskOutcomes, [NotGivenTask], completion.Outcome, completion.Reason);
        if (problems.Count > 0 || completion.Outcome != Given) return problems;

        if (state.Course.Clearance is null)
            return [new(null, "outcome", "the dose is no longer cleared (a lab its gate read was entered in error, or no gate has passed since the last dose): record it not given, or let the gate run again")];
        var (_, approved) = state.Course.NextDose();
        var found = new List<ValidationProblem>();
        var dose = Decimal(completion.Data, "doseMg");
        if (dose is null) found.Add(new(null, "data.doseMg", "the dose given is required (mg)"));
        else if (dose <= 0m) found.Add(new(null, "data.doseMg", $"must be above 0 mg; got {dose} mg"));
        else if (dose > approved) found.Add(new(null, "data.doseMg", $"{dose} mg is above the approved {approved} mg for this day"));

        var minutes = Decimal(completion.Data, "infusionMinutes");
        var required = state.Course.MinimumInfusionMinutes();
        if (minutes is null) found.Add(new(null, "data.infusionMinutes", "the infusion time is required (minutes)"));
        else if (minutes < required) found.Add(new(null, "data.infusionMinutes", $"{minutes} minutes is shorter than the required {required} minutes"));

        var started = StartedAt(completion);
        found.AddRange(StartProblems(started ?? now, state.Course, now));
        if (completion.Data?["startedAt"] is { } raw && started is null)
            found.Add(new(null, "data.startedAt", $"'{raw}' is not a date and time"));
        else if (minutes > 0m && found.TrueForAll(p => p.Field != "data.startedAt") && NotFinished(started ?? now, minutes.Value, now, given: started is not null) is { } running)
            found.Add(running);
        return found;
    }

    public override bool StandsOn(Inputs inputs, InstanceState state, LabWithdrawn lab) => inputs.RecheckWhenLabsExpire && state.Course.StandsOn(lab);

    public override ActivityResult Resume(ActivityContext context, Inputs inputs, Bookmark bookmark, Stimulus stimulus)
    {
        if (stimulus is TimerFired) return ClearanceExpiry.Lapse(context);
        if (stimulus is LabWithdrawn) return ClearanceExpiry.Withdrawn(context);
        var completion = (TaskCompleted)stimulus;
        TaskInputs.JournalCompletion(context, completion, TaskKinds.AdministerInfusion);
        if (completion.Outcome != Given)
        {
            // Kept beside the doses given, never among them, for the review that follows the cycle (hazard 6).
            context.Course.RecordNotGiven(context.Now, completion.Reason, completion.CompletedBy);
            return ActivityResult.Done(Outcomes.NotGiven);
        }

        var plan = context.Course.Plan!;
        var record = context.Course.Administer(Decimal(completion.Data, "doseMg")!.Value, StartedAt(completion) ?? context.Now,
            (int)Decimal(completion.Data, "infusionMinutes")!.Value, completion.CompletedBy);
        context.Journal(JournalTypes.InfusionAdministered, null, new JsonObject
        {
            ["drug"] = record.Drug,
            ["doseMg"] = record.DoseMg,
            ["cycle"] = record.Cycle,
            ["cycleDay"] = record.CycleDay,
            ["infusionMinutes"] = record.InfusionMinutes,
            ["startedAt"] = record.StartedAt,
            ["by"] = record.RecordedBy,
        });
        var more = record.CycleDay < plan.DayDoses.Count && plan.DayDoses[record.CycleDay] > 0m;
        return ActivityResult.Done(more ? Outcomes.NextDose : Outcomes.CycleComplete);
    }

    /// <summary>
    /// When a recorded start is impossible: before the interval rule allows, before the dose was cleared (gate passed
    /// or override), after the labs it was cleared on went out of date, or in the future (a start not given is now). People record times to the minute, so the clearance and the present are
    /// compared at that precision: a start in the same minute as the gate passed, or as now, is accepted.
    /// </summary>
    private static IEnumerable<ValidationProblem> StartProblems(DateTimeOffset started, CourseState course, DateTimeOffset now)
    {
        if (course.NextDoseNotBefore is { } notBefore && started < notBefore)
            yield return new(null, "data.startedAt", $"{started:yyyy-MM-dd} is before {notBefore:yyyy-MM-dd}, the earliest the interval rule allows");
        if (course.Clearance is { } clearance && started < ToMinute(clearance.At))
            yield return new(null, "data.startedAt", string.Create(CultureInfo.InvariantCulture,
                $"{started.UtcDateTime:yyyy-MM-dd HH:mm} UTC is before the dose was cleared ({(clearance.Kind == GateClearanceKind.Passed ? "gate passed" : "clinician override")} at {clearance.At.UtcDateTime:yyyy-MM-dd HH:mm} UTC)"));
        if (ClearanceExpiry.Refusal(course, started, "data.startedAt") is { } expired)
            yield return expired;
        if (started >= ToMinute(now).AddMinutes(1))
            yield return new(null, "data.startedAt", string.Create(CultureInfo.InvariantCulture, $"{started.UtcDateTime:yyyy-MM-dd HH:mm} UTC is in the future: record an infusion once it has started"));
    }

    /// <summary>
    /// An infusion that has not finished by now (to the minute, as <see cref="StartProblems"/> compares): a nurse records
    /// one once it has run, so a record of one still running is a wrong start or duration, or a record made too early.
    /// </summary>
    private static ValidationProblem? NotFinished(DateTimeOffset started, decimal minutes, DateTimeOffset now, bool given)
    {
        var ends = started.AddMinutes((double)minutes);
        if (ends < ToMinute(now).AddMinutes(1)) return null;
        var start = given ? string.Create(CultureInfo.InvariantCulture, $"started {started.UtcDateTime:HH:mm} UTC") : "was given no start, so it starts now";
        return new(null, "data.startedAt", string.Create(CultureInfo.InvariantCulture,
            $"the infusion {start} and runs {ClinicalFormat.N(minutes)} minutes, so it ends {ends.UtcDateTime:yyyy-MM-dd HH:mm} UTC, after now ({now.UtcDateTime:HH:mm} UTC): record it once it has finished"));
    }

    private static DateTimeOffset ToMinute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static JsonObject Field(string name, string label, string type, decimal? defaultValue) => new()
    {
        ["name"] = name,
        ["label"] = label,
        ["type"] = type,
        ["required"] = type != "datetime",
        ["default"] = defaultValue,
    };

    private static decimal? Decimal(JsonObject? data, string name) =>
        data?[name] is JsonValue v && (v.TryGetValue<decimal>(out var d) || (v.TryGetValue<string>(out var s) && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out d)))
            ? d
            : null;

    private static DateTimeOffset? StartedAt(TaskCompleted completion) =>
        completion.Data?["startedAt"] is JsonValue v && (v.TryGetValue<DateTimeOffset>(out var at)
            || (v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at)))
            ? at
            : null;
}
