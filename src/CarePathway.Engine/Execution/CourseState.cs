using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

/// <summary>
/// What the clinical activities remember about a course of treatment: the weight it started at, the
/// cycle being planned, the dose plan awaiting or holding approval, what was actually administered, and
/// the clearance (a passed gate or a clinician override) the next dose needs. It lives in the instance
/// state so it is saved with every step, and the safety checks read it rather than trusting the graph.
/// </summary>
/// <remarks>
/// <para>
/// An aggregate: nothing outside changes it but through the methods below, each named for what happened in the
/// clinic (a gate passed or held, a cycle planned, a clinician approved or overrode, a dose given, the next dose
/// scheduled). Each method keeps the rules a dose depends on, whatever a pathway's graph or a new activity does:
/// nothing is given without an approved plan and a clearance, nor above the approved dose; a clearance serves one
/// dose; an override clears only with a reason. A method asked to break one throws
/// <see cref="InvalidCourseOperationException"/>, which the runner makes an incident, before it changes anything.
/// </para>
/// <para>
/// It is stored as JSON inside the instance state, and stored instances must load and be written back unchanged:
/// the properties keep their names, types and order; private setters are <see cref="JsonIncludeAttribute"/>d and the
/// two collections come in through the JSON constructor.
/// </para>
/// </remarks>
public sealed class CourseState
{
    private readonly List<AdministrationRecord> _administered;
    private readonly Dictionary<string, int> _heldCounts;
    private readonly List<GateEvaluation> _gatesSinceLastDose;
    private readonly List<NotGivenRecord> _notGiven;
    private decimal? _startWeightKg;

    /// <summary>A course with nothing planned or given yet.</summary>
    public CourseState()
        : this(null, null, null, null)
    {
    }

    /// <summary>A stored course: the collections as they were written (any may be absent from older documents).</summary>
    [JsonConstructor]
    private CourseState(IReadOnlyList<AdministrationRecord>? administered, IReadOnlyDictionary<string, int>? heldCounts, IReadOnlyList<GateEvaluation>? storedGates,
        IReadOnlyList<NotGivenRecord>? storedNotGiven)
    {
        _administered = [.. administered ?? []];
        _notGiven = [.. storedNotGiven ?? []];
        NotGiven = _notGiven.AsReadOnly();
        _gatesSinceLastDose = [.. storedGates ?? []];
        GatesSinceLastDose = _gatesSinceLastDose.AsReadOnly();
        _heldCounts = new(StringComparer.Ordinal);
        foreach (var (gate, count) in heldCounts ?? ReadOnlyDictionary<string, int>.Empty) _heldCounts[gate] = count;
        Administered = _administered.AsReadOnly();
        HeldCounts = _heldCounts.AsReadOnly();
    }

    /// <summary>
    /// The weight when the course started, later weights are compared with it: the latest weight when the instance
    /// started, else the weight of the first plan that has one (<see cref="PlanCycle"/>). Set once.
    /// </summary>
    public decimal? StartWeightKg
    {
        get => _startWeightKg;
        init => _startWeightKg = value;
    }

    /// <summary>The number of the cycle most recently planned; 0 before the first dose calculation.</summary>
    [JsonInclude]
    public int Cycle { get; private set; }

    /// <summary>The current cycle's plan, with the clinician's decision once there is one.</summary>
    [JsonInclude]
    public DosePlan? Plan { get; private set; }

    /// <summary>What was actually given, in the order it was recorded; the rolling annual cap counts these, never planned doses.</summary>
    public IReadOnlyList<AdministrationRecord> Administered { get; }

    /// <summary>Set by a passed gate or a clinician override; an administration consumes it, a held gate clears it.</summary>
    [JsonInclude]
    public GateClearance? Clearance { get; private set; }

    /// <summary>The latest gate evaluation, shown as evidence to the approving clinician.</summary>
    [JsonInclude]
    public GateEvaluation? LastGate { get; private set; }

    /// <summary>The latest evaluation of each gate since the last dose, in the order they ran: every lab the approver should see.</summary>
    [JsonIgnore]
    public IReadOnlyList<GateEvaluation> GatesSinceLastDose { get; }

    // Stored only when there are any, so a course stored before it existed is written back as it was read.
    [JsonInclude]
    [JsonPropertyName("gatesSinceLastDose")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private IReadOnlyList<GateEvaluation>? StoredGates => _gatesSinceLastDose.Count == 0 ? null : GatesSinceLastDose;

    /// <summary>
    /// The doses recorded as not given, in the order they were recorded (hazard 6): what a review after the cycle shows.
    /// They are never doses given: the caps, intervals and first-dose rules read <see cref="Administered"/> only.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<NotGivenRecord> NotGiven { get; }

    // Stored only when there are any, so a course stored before it existed is written back as it was read.
    [JsonInclude]
    [JsonPropertyName("notGiven")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    private IReadOnlyList<NotGivenRecord>? StoredNotGiven => _notGiven.Count == 0 ? null : NotGiven;

    /// <summary>
    /// The minimum infusion time of the next dose when it was worked out again before that dose (AdministerInfusion, from the
    /// clearance then); null when the plan's time stands. Never below the plan's.
    /// </summary>
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? NextDoseInfusionMinutes { get; private set; }

    /// <summary>Held evaluations in a row, per gate activity; reset when the gate passes.</summary>
    public IReadOnlyDictionary<string, int> HeldCounts { get; }

    /// <summary>The earliest time the next dose may start (interval rules such as ibandronate's 3 months).</summary>
    [JsonInclude]
    public DateTimeOffset? NextDoseNotBefore { get; private set; }

    /// <summary>True once a weight-review task has been raised for this course, so it is raised once.</summary>
    [JsonInclude]
    public bool WeightReviewRaised { get; private set; }

    public AdministrationRecord? LastAdministration(string? drug = null) =>
        _administered.Where(a => drug is null || a.Drug == drug).MaxBy(a => a.StartedAt);

    /// <summary>
    /// The cycle a new plan is for. A cycle keeps its number until something of it is given, so a deferred or re-planned
    /// cycle is the same cycle; the first plan, or one after a cycle that was given, is the next.
    /// </summary>
    public int CycleToPlan() => Plan is null || _administered.Any(a => a.Cycle == Plan.Cycle) ? Cycle + 1 : Cycle;

    /// <summary>
    /// Records the plan of a cycle (DoseCalculation): it becomes the plan a clinician decides on. It must be for
    /// <see cref="CycleToPlan"/>, so the cycle count and the doses given per cycle agree, and arrive undecided: only
    /// <see cref="Approve"/> or <see cref="Override"/> decide, so a plan never reaches a patient unseen. The first
    /// plan with a weight sets <see cref="StartWeightKg"/> when the instance started without one.
    /// </summary>
    public void PlanCycle(DosePlan plan)
    {
        var cycle = CycleToPlan();
        if (plan.Cycle != cycle)
            throw Invalid($"the dose plan is for cycle {plan.Cycle}, but the course plans cycle {cycle} next: a cycle keeps its number until something of it is given");
        if (plan.Decision is not null)
            throw Invalid($"a new dose plan waits for a clinician's decision; this one arrives {plan.Decision.Value.WireName()}");
        if (plan.DayDoses.Count == 0) throw Invalid("a dose plan plans at least one day");

        _startWeightKg ??= plan.WeightKg;
        Cycle = cycle;
        Plan = plan;
    }

    /// <summary>
    /// The plan a clinician may decide on now: there is one, and it is not a deferral (nothing to give, so nothing to
    /// approve). InfusionApproval asks before it opens its task, so a miswired approval is an incident, not a question.
    /// </summary>
    public DosePlan PlanToDecide()
    {
        var plan = Plan ?? throw Invalid("there is no dose plan to approve: a DoseCalculation must come first");
        return plan.Outcome == DosePlanOutcomes.Defer
            ? throw Invalid("the dose plan is a deferral: route DoseCalculation's deferred outcome elsewhere")
            : plan;
    }

    /// <summary>
    /// A clinician approves the plan (with an optional note). Approving stands on a passed gate: when none has passed
    /// since the last dose, the way on is <see cref="Override"/> with a reason, which InfusionApproval offers instead.
    /// </summary>
    public void Approve(string by, string? reason)
    {
        var plan = PlanToDecide();
        if (Clearance is null)
            throw Invalid("the dose plan cannot be approved: no gate has passed since the last dose; override with a reason, or reject");
        Plan = plan with { Decision = DosePlanDecision.Approved, DecidedBy = by, DecisionReason = reason };
    }

    /// <summary>
    /// A clinician approves the plan past a held gate, taking responsibility with a reason; the override becomes the
    /// clearance the next dose needs unless a gate already gave one (that clearance, and its time, stay). Without a
    /// reason nothing is decided: an unexplained override would be an unchecked dose.
    /// </summary>
    public void Override(string by, string? reason, string activityId, DateTimeOffset at)
    {
        var plan = PlanToDecide();
        if (string.IsNullOrWhiteSpace(reason))
            throw Invalid("an override needs a reason: it is the clearance the next dose is given on");
        Plan = plan with { Decision = DosePlanDecision.Overridden, DecidedBy = by, DecisionReason = reason };
        // The override stands on the labs of the gates since the last dose, and lapses with the first of them to go out of date.
        Clearance ??= new GateClearance(GateClearanceKind.Overridden, activityId, at, by, reason) { ExpiresAt = StalestGate()?.FreshUntil };
    }

    /// <summary>
    /// A gate's rules all held: the evaluation is the evidence the approver sees, it clears the next dose, and the
    /// gate's held count starts again. An evaluation with a rule that does not hold cannot pass.
    /// </summary>
    public void PassGate(GateEvaluation evaluation)
    {
        var failed = evaluation.Rules.FirstOrDefault(r => !r.Passed);
        if (!evaluation.Passed || failed is not null)
            throw Invalid($"the {evaluation.Gate} gate cannot pass on an evaluation that held" + (failed is null ? "" : $": {failed.Label} does not hold"));
        Record(evaluation);
        Clearance = new GateClearance(GateClearanceKind.Passed, evaluation.ActivityId, evaluation.At, null, null) { ExpiresAt = StalestGate()?.FreshUntil };
        _heldCounts.Remove(evaluation.ActivityId);
    }

    /// <summary>
    /// A gate held: the evaluation is the evidence, and any earlier clearance is withdrawn, since nothing may be given
    /// on labs that no longer pass. Returns how many times in a row this gate has now held (for its recheck limit).
    /// </summary>
    public int HoldGate(GateEvaluation evaluation)
    {
        if (evaluation.Passed)
            throw Invalid($"the {evaluation.Gate} gate cannot hold on an evaluation that passed");
        Record(evaluation);
        Clearance = null;
        return _heldCounts[evaluation.ActivityId] = _heldCounts.GetValueOrDefault(evaluation.ActivityId) + 1;
    }

    private void Record(GateEvaluation evaluation)
    {
        LastGate = evaluation;
        _gatesSinceLastDose.RemoveAll(g => g.ActivityId == evaluation.ActivityId);
        _gatesSinceLastDose.Add(evaluation);
    }

    /// <summary>
    /// The gate since the last dose whose labs go out of date first: a dose stands on every lab its gates used (the
    /// calcium of the cycle's gate as much as the creatinine of the day's), so its clearance lapses with the first of them.
    /// A gate whose every lab a later gate looked at again is superseded: the later gate's window is the one that stands
    /// (a baseline work-up held for weeks by a low vitamin D does not expire the dose its fresh pre-infusion labs cleared).
    /// </summary>
    public GateEvaluation? StalestGate()
    {
        var lookedAtLater = new HashSet<string>(StringComparer.Ordinal);
        var standing = new List<GateEvaluation>();
        foreach (var gate in Enumerable.Reverse(_gatesSinceLastDose))
        {
            if (gate.Codes is { Count: > 0 } codes && codes.All(lookedAtLater.Contains)) continue;
            standing.Add(gate);
            lookedAtLater.UnionWith(gate.Codes ?? []);
        }

        return standing.Where(g => g.FreshUntil is not null).MinBy(g => g.FreshUntil);
    }

    /// <summary>
    /// True when a gate since the last dose may have read <paramref name="lab"/>: it requires its code (or one calculated
    /// from it) and ran after it was drawn. Conservative: an older result of the code counts too, so a withdrawal never
    /// leaves a clearance standing on a result nobody can vouch for; the gate, run again, clears it on the others.
    /// </summary>
    public bool StandsOn(LabWithdrawn lab) =>
        _gatesSinceLastDose.Any(g => g.At >= lab.ObservedAt && (g.Codes ?? []).Any(lab.Concerns));

    /// <summary>
    /// A result the dose stood on was entered in error: the clearance (a passed gate, or an override on its labs) is
    /// withdrawn, so nothing is approved or given on it until a gate passes again. Returns whether it was.
    /// </summary>
    public bool WithdrawClearance(LabWithdrawn lab)
    {
        if (Clearance is null || !StandsOn(lab)) return false;
        Clearance = null;
        return true;
    }

    /// <summary>A gate gave up rechecking (it took its held outcome): if the pathway comes back to it, the count starts again.</summary>
    public void ResetHeldCount(string gateActivityId) => _heldCounts.Remove(gateActivityId);

    /// <summary>
    /// What the next dose is given on: the approved plan and the clearance earned since the last dose. AdministerInfusion
    /// asks before it offers its task, so an infusion a miswired pathway reaches without them is an incident.
    /// </summary>
    /// <param name="at">When the dose starts, if known: a clearance whose labs are out of date by then does not clear it.</param>
    public (DosePlan Plan, GateClearance Clearance) ClearedPlan(DateTimeOffset? at = null)
    {
        if (Plan is not { IsApproved: true } plan)
            throw Invalid("no approved dose plan: an InfusionApproval must approve the cycle before an infusion");
        // Every administration consumes the clearance, so one here was earned since the last dose.
        if (Clearance is not { } clearance)
            throw Invalid("no gate has passed and no clinician has overridden one since the last dose: an infusion cannot proceed");
        if (at is { } start && clearance.ExpiredAt(start))
            throw Invalid($"the labs the dose was cleared on were fresh until {clearance.ExpiresAt:u}: the gate must run again on fresh results");
        return (plan, clearance);
    }

    /// <summary>The day of the planned cycle the next administration is for (one more than those given, at most the last) and its planned mg.</summary>
    public (int CycleDay, decimal PlannedMg) NextDose()
    {
        var plan = Plan ?? throw Invalid("there is no dose plan: a DoseCalculation must come first");
        var day = Math.Min(_administered.Count(a => a.Cycle == plan.Cycle) + 1, plan.DayDoses.Count);
        return (day, plan.DayDoses[day - 1]);
    }

    /// <summary>
    /// Records a dose given on the next day of the approved cycle and consumes the clearance, so the next dose needs its
    /// own gate or override. Refused without an approved plan and a clearance (<see cref="ClearedPlan"/>), for a dose
    /// that is not above 0 or is above the approved one for the day, or an infusion shorter than planned: the task's
    /// form refuses these first, this is what holds when something else records a dose.
    /// </summary>
    public AdministrationRecord Administer(decimal doseMg, DateTimeOffset startedAt, int infusionMinutes, string recordedBy)
    {
        var (plan, _) = ClearedPlan(startedAt);
        var (day, approvedMg) = NextDose();
        if (doseMg <= 0m) throw Invalid($"a dose given must be above 0 mg; got {doseMg} mg");
        if (doseMg > approvedMg)
            throw Invalid($"{doseMg} mg is above the approved {approvedMg} mg for cycle {plan.Cycle}, day {day}: a dose is never given above the approved one");
        var required = MinimumInfusionMinutes();
        if (infusionMinutes < required)
            throw Invalid($"{infusionMinutes} minutes is shorter than the required {required} minutes");

        var record = new AdministrationRecord(plan.Drug, doseMg, startedAt, plan.Cycle, day, infusionMinutes, recordedBy);
        _administered.Add(record);
        Clearance = null;
        NextDoseInfusionMinutes = null;
        _gatesSinceLastDose.Clear();
        return record;
    }

    /// <summary>
    /// Records that the next dose of the planned cycle was not given (the nurse's "not given", with the reason they gave):
    /// which cycle and day, its planned mg, when and by whom. Nothing else changes: the day is still the next to give,
    /// and the clearance, the caps and the intervals stand as they were, since nothing reached the patient.
    /// </summary>
    public NotGivenRecord RecordNotGiven(DateTimeOffset at, string? reason, string recordedBy)
    {
        var plan = Plan ?? throw Invalid("there is no dose plan: a dose not given is a dose of a planned cycle");
        var (day, plannedMg) = NextDose();
        var record = new NotGivenRecord(plan.Drug, plan.Cycle, day, plannedMg, at, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), recordedBy);
        _notGiven.Add(record);
        return record;
    }

    /// <summary>The doses of <paramref name="cycle"/> recorded as not given, in the order they were recorded.</summary>
    public IReadOnlyList<NotGivenRecord> NotGivenIn(int cycle) => [.. _notGiven.Where(n => n.Cycle == cycle)];

    /// <summary>The shortest infusion the next dose may run: the plan's, or longer when it was worked out again before the dose.</summary>
    public int MinimumInfusionMinutes()
    {
        var plan = Plan ?? throw Invalid("there is no dose plan: a DoseCalculation must come first");
        return Math.Max(plan.InfusionMinutes, NextDoseInfusionMinutes ?? 0);
    }

    /// <summary>
    /// The next dose's infusion time, worked out again from the clearance just before it (a clearance that fell mid-course
    /// lengthens it). It never shortens the plan's: the longer of the two is what <see cref="Administer"/> requires.
    /// </summary>
    public void TimeNextDose(int minutes) => NextDoseInfusionMinutes = minutes;

    /// <summary>
    /// A schedule states the earliest the next dose may start (AdministerInfusion refuses an earlier start), or, with
    /// null, that it has no interval rule, which lifts an earlier one.
    /// </summary>
    public void ScheduleNextDose(DateTimeOffset? notBefore) => NextDoseNotBefore = notBefore;

    /// <summary>
    /// Notes that a weight-review task was raised for this course, so it is raised once: a second is refused. It needs
    /// <see cref="StartWeightKg"/>, the weight the change is measured from.
    /// </summary>
    public void RaiseWeightReview()
    {
        if (WeightReviewRaised) throw Invalid("a weight review is raised once per course, and this course has one");
        if (StartWeightKg is null) throw Invalid("a weight review compares with the weight the course started at, and none is recorded");
        WeightReviewRaised = true;
    }

    private static InvalidCourseOperationException Invalid(string message) => new(message);
}
