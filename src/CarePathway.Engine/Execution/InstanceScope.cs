using System.Text.Json.Nodes;
using CarePathway.Engine.Clinical;
using CarePathway.Engine.Definitions;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Patients;

namespace CarePathway.Engine.Execution;

/// <summary>
/// Resolves the names an expression may use while an instance runs:
/// <c>param.*</c>, <c>var.*</c>, <c>course.*</c> (see <see cref="CourseNames"/>), <c>patient.*</c> (weightKg, heightCm, weightAge,
/// heightAge, ageYears, sex, diagnosis, birthDate, facts.*), <c>lab("code")</c>, <c>baseline("code")</c> and <c>lastDose("drug")</c> (any course).
/// </summary>
internal sealed class InstanceScope(CompiledDefinition definition, InstanceState state, PatientContext patient, DateTimeOffset now) : IExpressionScope
{
    public DateTimeOffset Now => now;

    public bool TryResolve(string dottedName, out Value value)
    {
        value = Value.Null;
        var dot = dottedName.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return false;
        var root = dottedName[..dot];
        var name = dottedName[(dot + 1)..];
        switch (root)
        {
            case "param":
                if (!state.Parameters.TryGetValue(name, out var parameter)) return false;
                value = definition.ParameterValue(name, parameter);
                return true;
            case "var":
                if (!state.Variables.TryGetValue(name, out var variable) && !definition.DeclaresVariable(name)) return false;
                value = variable is null ? Value.Null : Value.FromJson(variable);
                // A stored value has no label: a renal function is named by how it was worked out.
                if (RenalFunction(name) is { } renal) value = value.WithLabel(renal.Label);
                return true;
            case "patient":
                return TryResolvePatient(name, out value);
            case "course":
                return TryResolveCourse(name, out value);
            default:
                return false;
        }
    }

    public string? WorkingOf(string dottedName) =>
        dottedName.StartsWith("var.", StringComparison.Ordinal) && state.Variables.GetValueOrDefault(dottedName[4..]) is not null
            ? RenalFunction(dottedName[4..])?.Working
            : null;

    private RenalFunctionSource? RenalFunction(string variable) => state.RenalFunctions?.GetValueOrDefault(variable);

    private bool TryResolvePatient(string name, out Value value)
    {
        value = Value.Null;
        if (name.StartsWith("facts.", StringComparison.Ordinal))
        {
            // An unrecorded fact is null, not an error: facts are optional by nature.
            value = patient.Facts.TryGetValue(name["facts.".Length..], out var fact) && fact is not null ? Value.FromJson(fact) : Value.Null;
            return true;
        }

        switch (name)
        {
            case PatientNames.WeightKg:
                value = patient.Latest(MeasurementKinds.Weight) is { } w ? Value.Quantity(w.Value, "kg").WithLabel("weight") : Value.Null;
                return true;
            case PatientNames.HeightCm:
                value = patient.Latest(MeasurementKinds.Height) is { } h ? Value.Quantity(h.Value, "cm").WithLabel("height") : Value.Null;
                return true;
            case PatientNames.WeightAge:
                value = Age(MeasurementKinds.Weight, "time since the latest weight");
                return true;
            case PatientNames.HeightAge:
                value = Age(MeasurementKinds.Height, "time since the latest height");
                return true;
            case PatientNames.AgeYears:
                value = Value.Number(patient.AgeYearsOn(now)).WithLabel("age");
                return true;
            case PatientNames.Sex:
                value = Value.String(patient.Sex);
                return true;
            case PatientNames.Diagnosis:
                value = Value.String(patient.Diagnosis);
                return true;
            case PatientNames.BirthDate:
                value = Value.Date(patient.BirthDate);
                return true;
            default:
                return false;
        }
    }

    /// <summary>How long ago the latest measurement of <paramref name="kind"/> was taken (a pathway asks again when it is too old); null with none.</summary>
    private Value Age(string kind, string label) =>
        patient.Latest(kind) is { } m ? Value.Duration(now - m.MeasuredAt).WithLabel(label) : Value.Null;

    private bool TryResolveCourse(string name, out Value value)
    {
        var course = state.Course;
        var last = course.LastAdministration();
        value = name switch
        {
            CourseNames.Cycle => Value.Number(course.Cycle).WithLabel("cycle"),
            CourseNames.NextCycle => Value.Number(course.Cycle + 1).WithLabel("next cycle"),
            CourseNames.CyclesGiven => Value.Number(course.Administered.Select(a => a.Cycle).Distinct().Count()).WithLabel("cycles given"),
            CourseNames.DosesGiven => Value.Number(course.Administered.Count).WithLabel("doses given"),
            CourseNames.DosesThisCycle => Value.Number(course.Administered.Count(a => a.Cycle == course.Cycle)).WithLabel("doses given this cycle"),
            CourseNames.LastDoseAt => last is null ? Value.Null : Value.DateTime(last.StartedAt).WithLabel("last dose"),
            CourseNames.StartWeightKg => course.StartWeightKg is { } w ? Value.Quantity(w, "kg").WithLabel("weight at start") : Value.Null,
            CourseNames.PlannedDoseMg => course.Plan is null ? Value.Null : Value.Quantity(course.NextDose().PlannedMg, "mg").WithLabel("planned dose"),
            CourseNames.PlannedWeightKg => course.Plan?.WeightKg is { } kg ? Value.Quantity(kg, "kg").WithLabel("weight the dose was planned on") : Value.Null,
            _ => Value.Null,
        };
        return CourseNames.All.Contains(name);
    }

    /// <summary>
    /// The latest result answering <paramref name="code"/> (the same measurement under another code counts), in the
    /// unit rules on that code use. Converted values keep 4 decimal places: far below any lab's precision, and
    /// explanations stay readable.
    /// </summary>
    public Value LatestLab(string code)
    {
        var lab = patient.LatestLab(code);
        if (lab is null) return Value.Null;
        var (value, unit) = LabCatalog.ReadAs(code, lab.Code, lab.Value, lab.Unit);
        var name = LabCatalog.NameOf(code);
        // A converted result says what the laboratory reported, so the clinician can match it with the report.
        var reported = lab.Working is null && !string.Equals(lab.Unit, unit, StringComparison.Ordinal)
            ? $"{name} (reported {RecordedNumbers.WithoutTrailingZeros(lab.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)} {lab.Unit})"
            : name;
        return Value.Quantity(value, unit).WithLabel(lab.Working is null ? reported : $"{name}, calculated ({lab.Working}),");
    }

    public Value LastDose(string drug) =>
        patient.DosesOf(drug, state.InstanceId, state.Course) is [.., var last]
            ? Value.DateTime(last.StartedAt).WithLabel($"last {drug} dose")
            : Value.Null;

    public Value BaselineLab(string code) =>
        state.Baselines.TryGetValue(code, out var baseline) ? Value.Quantity(baseline.Value, baseline.Unit).WithLabel("baseline") : Value.Null;
}

/// <summary>The <c>patient.*</c> names expressions may use; the validator checks references against these.</summary>
public static class PatientNames
{
    public const string WeightKg = "weightKg";
    public const string HeightCm = "heightCm";

    /// <summary>Time since the latest weight, and since the latest height (durations): for a pathway to ask for them again when too old.</summary>
    public const string WeightAge = "weightAge";

    /// <inheritdoc cref="WeightAge"/>
    public const string HeightAge = "heightAge";
    public const string AgeYears = "ageYears";
    public const string Sex = "sex";
    public const string Diagnosis = "diagnosis";
    public const string BirthDate = "birthDate";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { WeightKg, HeightCm, WeightAge, HeightAge, AgeYears, Sex, Diagnosis, BirthDate };

    public static bool IsKnown(string name) => All.Contains(name) || (name.StartsWith("facts.", StringComparison.Ordinal) && name.Length > 6);
}

/// <summary>The <c>course.*</c> names: where the treatment course stands (see <see cref="CourseState"/>).</summary>
public static class CourseNames
{
    public const string Cycle = "cycle";
    public const string NextCycle = "nextCycle";
    public const string CyclesGiven = "cyclesGiven";
    public const string DosesGiven = "dosesGiven";
    public const string DosesThisCycle = "dosesThisCycle";
    public const string LastDoseAt = "lastDoseAt";
    public const string StartWeightKg = "startWeightKg";
    public const string PlannedDoseMg = "plannedDoseMg";
    public const string PlannedWeightKg = "plannedWeightKg";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { Cycle, NextCycle, CyclesGiven, DosesGiven, DosesThisCycle, LastDoseAt, StartWeightKg, PlannedDoseMg, PlannedWeightKg };
}

/// <summary>Turns stored parameter JSON into expression values, using the parameter's declared type and unit.</summary>
public static class ParameterValues
{
    public static Value ToValue(JsonNode? node, ParameterDefinition? parameter)
    {
        if (node is null) return Value.Null;
        switch (parameter?.Type)
        {
            case ValueTypes.Number when parameter.Unit is { } unit:
                return Value.Quantity(node.GetValue<decimal>(), unit);
            case ValueTypes.Number:
                return Value.Number(node.GetValue<decimal>());
            case ValueTypes.Duration:
                return ParseDuration(node.GetValue<string>());
            case ValueTypes.Date:
                return Value.Date(DateOnly.Parse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            case ValueTypes.Boolean:
                return Value.Boolean(node.GetValue<bool>());
            case ValueTypes.String:
                return Value.String(node.GetValue<string>());
            default:
                return Value.FromJson(node);
        }
    }

    /// <summary>Duration parameters are written as the expression language's literals ("12w", "30d").</summary>
    public static Value ParseDuration(string text)
    {
        var parsed = ExpressionParser.Parse(text);
        if (parsed.Expression is null) throw new FormatException($"'{text}' is not a duration such as 30d or 12w");
        var value = parsed.Expression.Evaluate(EmptyScope.Instance).Result;
        return value.Kind == ValueKind.Duration ? value : throw new FormatException($"'{text}' is not a duration such as 30d or 12w");
    }

    /// <summary>Checks a value against a parameter's type; returns a message for the validator, or null when it fits.</summary>
    public static string? Problem(JsonNode? node, ParameterDefinition parameter)
    {
        if (node is null) return "has no value";
        try
        {
            var value = ToValue(node, parameter);
            if (parameter.Allowed is { Count: > 0 } allowed && !allowed.Contains(value.AsString()))
                return $"'{value.AsString()}' is not one of {string.Join(", ", allowed)}";
            return ParameterRanges.Problem(value, parameter.Type);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ExpressionEvaluationException or OverflowException or ArgumentOutOfRangeException)
        {
            return $"is not a valid {parameter.Type}";
        }
    }

    private sealed class EmptyScope : IExpressionScope
    {
        public static readonly EmptyScope Instance = new();
        public DateTimeOffset Now => DateTimeOffset.UnixEpoch;
        public bool TryResolve(string dottedName, out Value value) { value = Value.Null; return false; }
        public Value LatestLab(string code) => Value.Null;
        public Value BaselineLab(string code) => Value.Null;
    }
}
