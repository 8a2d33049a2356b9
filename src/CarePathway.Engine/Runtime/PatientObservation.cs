using System.Text.Json.Nodes;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Patients;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Runtime;

/// <summary>Something recorded about a patient: it joins their history, then reaches the pathways waiting for it.</summary>
public abstract record PatientObservation(DateTimeOffset? ObservedAt)
{
    public abstract string EventType { get; }

    /// <summary>The lab code, measurement kind or assessment name a wait names.</summary>
    public abstract string Key { get; }

    /// <summary>What a host calls <see cref="ObservedAt"/>, so a refusal names the field the person filled in.</summary>
    public virtual string TimeField => "observedAt";

    /// <summary>What makes it unacceptable as recorded, before anything is stored (a lab in a unit its code does not use).</summary>
    public virtual IEnumerable<ValidationProblem> Problems() => [];

    /// <summary>As it is recorded: numbers without trailing zeros (<see cref="RecordedNumbers"/>).</summary>
    public virtual PatientObservation AsRecorded() => this;

    /// <summary>The payload of the event pathways receive (value, unit, observedAt).</summary>
    public abstract JsonObject Payload(DateTimeOffset observedAt);

    /// <summary>Adds it to a history kept in memory (the simulator's, the tests').</summary>
    public abstract void AddTo(PatientContext patient, DateTimeOffset observedAt);
}

/// <summary>
/// A lab result under a LOINC code of the lab catalog, stored as recorded but for its unit's spelling (the catalog's:
/// MG/DL is stored mg/dL); rules convert it when they read it.
/// </summary>
public sealed record LabObserved(string Code, decimal Value, string Unit, DateTimeOffset? ObservedAt = null) : PatientObservation(ObservedAt)
{
    // A value every known analyte accepts in every one of its units (above 0, far below each plausible maximum):
    // when the recorded result fails but this one passes in the same unit, the value is at fault, not the unit.
    private const decimal PlausibleInAnyUnit = 1m;

    public override string EventType => EventTypes.Lab;
    public override string Key => Code;

    /// <remarks>Only after <see cref="Problems"/> found none, so the unit is one of the code's.</remarks>
    public override PatientObservation AsRecorded() =>
        this with { Value = RecordedNumbers.WithoutTrailingZeros(Value), Unit = LabCatalog.CanonicalUnit(Code, Unit)! };

    /// <summary>The lab catalog's check: a code it does not know, a unit that is not one of the code's, or an implausible value, named by field.</summary>
    public override IEnumerable<ValidationProblem> Problems()
    {
        if (LabCatalog.Find(Code) is null)
        {
            yield return new ValidationProblem(null, "code", LabCatalog.UnknownCode(Code));
            yield break;
        }

        var checkedResult = LabCatalog.Normalize(Code, Value, Unit);
        if (checkedResult.IsSuccess) yield break;
        var unitIsKnown = LabCatalog.Normalize(Code, PlausibleInAnyUnit, Unit).IsSuccess;
        yield return new ValidationProblem(null, unitIsKnown ? "value" : "unit", checkedResult.Error!);
    }

    public override JsonObject Payload(DateTimeOffset observedAt) => new() { ["value"] = Value, ["unit"] = Unit, ["observedAt"] = observedAt };

    public override void AddTo(PatientContext patient, DateTimeOffset observedAt) => patient.Labs.Add(new LabObservation(Code, Value, Unit, observedAt));
}

/// <summary>A weight or height; doses use the latest weight.</summary>
public sealed record MeasurementObserved(string Kind, decimal Value, string Unit, DateTimeOffset? ObservedAt = null) : PatientObservation(ObservedAt)
{
    public override string EventType => EventTypes.Measurement;
    public override string Key => Kind;
    public override string TimeField => "measuredAt";

    public override PatientObservation AsRecorded() => this with { Value = RecordedNumbers.WithoutTrailingZeros(Value) };

    public override JsonObject Payload(DateTimeOffset observedAt) => new() { ["value"] = Value, ["unit"] = Unit, ["observedAt"] = observedAt };

    public override void AddTo(PatientContext patient, DateTimeOffset observedAt) => patient.Measurements.Add(new Measurement(Kind, Value, Unit, observedAt));
}

/// <summary>
/// A clinical assessment (e.g. nsaidResponse = inadequate, a pain score). The value keeps the type it was given in
/// (the API records text; a scenario may give a number), so a pathway receives what was recorded.
/// </summary>
public sealed record AssessmentObserved(string Name, JsonNode? Value, DateTimeOffset? ObservedAt = null) : PatientObservation(ObservedAt)
{
    public override string EventType => EventTypes.Assessment;
    public override string Key => Name;

    /// <summary>The value as the history keeps it: text.</summary>
    public string Text => Value?.ToString() ?? "";

    public override JsonObject Payload(DateTimeOffset observedAt) => new() { ["value"] = Value?.DeepClone(), ["observedAt"] = observedAt };

    public override void AddTo(PatientContext patient, DateTimeOffset observedAt) => patient.Assessments.Add(new AssessmentObservation(Name, Text, observedAt));
}
