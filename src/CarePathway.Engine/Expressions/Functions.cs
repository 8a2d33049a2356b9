namespace CarePathway.Engine.Expressions;

/// <summary>
/// Runtime behaviour of the built-in functions (lab, baseline and literal date() are resolved by
/// the parser into their own nodes). Arguments are evaluated one at a time, so no argument array
/// is allocated per call.
/// </summary>
internal static class Functions
{
    public static Value Call(CallNode node, ref EvaluationContext context, out int scale)
    {
        switch (node.Function)
        {
            case FunctionId.If:
                return If(node, ref context, out scale);
            case FunctionId.Now:
                {
                    var now = Value.DateTime(context.Scope.Now).WithLabel("now");
                    if (context.Explanation is { } sb)
                    {
                        Explanation.AppendLeaf(sb, now, now.Label, "now");
                    }

                    scale = 0;
                    return now;
                }

            case FunctionId.Has:
                {
                    // A finding, not a function call: "creatinine 0.55 mg/dL recorded", "last pamidronate dose not recorded".
                    var start = context.Explanation?.Length ?? 0;
                    var recorded = !Argument(node, 0, ref context).IsNull;
                    if (context.Explanation is { } sb) Explanation.AppendRecorded(sb, start, recorded);
                    scale = 0;
                    return Value.Boolean(recorded);
                }

            case FunctionId.LastDose:
                {
                    var drug = ((LiteralNode)node.ArgumentArray[0]).Value.AsString();
                    var last = context.Scope.LastDose(drug);
                    if (context.Explanation is { } sb)
                    {
                        Explanation.AppendLeaf(sb, last, last.Label ?? $"last {drug} dose", $"lastDose(\"{drug}\")");
                    }

                    scale = 0;
                    return last;
                }
        }

        context.Explanation?.Append(node.Name).Append('(');
        var result = node.Function switch
        {
            FunctionId.Min or FunctionId.Max => MinMax(node, ref context),
            FunctionId.Round => Round(node, ref context),
            FunctionId.Floor or FunctionId.Ceil or FunctionId.Abs => Magnitude(node, ref context),
            FunctionId.DaysBetween => DaysBetween(node, ref context),
            FunctionId.AddMonths => AddMonths(node, ref context),
            FunctionId.Date => Date(node, ref context),
            FunctionId.Days or FunctionId.Weeks or FunctionId.Hours or FunctionId.Minutes => MakeDuration(node, ref context),
            _ => throw new InvalidOperationException($"function {node.Function} has no implementation"),
        };

        scale = result.DisplayScale;
        if (context.Explanation is { } explanation)
        {
            explanation.Append(')');
            Explanation.AppendResult(explanation, result.WithLabel(null), scale);
        }

        return result.WithLabel(null);
    }

    private static Value Argument(CallNode node, int index, ref EvaluationContext context)
    {
        if (index > 0)
        {
            context.Explanation?.Append(", ");
        }

        var argument = node.ArgumentArray[index];
        return Evaluator.EvaluateChild(argument, Nodes.ShowsCondition(argument), ref context, out _);
    }

    private static Value RequiredArgument(CallNode node, int index, ref EvaluationContext context)
    {
        var value = Argument(node, index, ref context);
        if (value.IsNull)
        {
            throw Evaluator.NoValue(node.ArgumentArray[index], node, ref context);
        }

        return value;
    }

    private static Value If(CallNode node, ref EvaluationContext context, out int scale)
    {
        // Rendered "<condition>, so <chosen branch>"; the other branch is not evaluated. A condition on the pathway's
        // settings alone ("relative" = "relative") tells a clinician nothing about the patient: only the branch shows.
        var args = node.ArgumentArray;
        var settingOnly = context.Explanation is not null && Nodes.ReadsSettingsOnly(args[0]);
        bool holds;
        if (settingOnly)
        {
            var quiet = new EvaluationContext(context.Scope, context.Text, context.StepBudget, null) { StepsLeft = context.StepsLeft };
            holds = Evaluator.RequireBoolean(Evaluator.EvaluateChild(args[0], false, ref quiet, out _), args[0], node, ref quiet);
            context.StepsLeft = quiet.StepsLeft;
        }
        else
        {
            var condition = Evaluator.EvaluateChild(args[0], Nodes.ShowsCondition(args[0]), ref context, out _);
            holds = Evaluator.RequireBoolean(condition, args[0], node, ref context);
            context.Explanation?.Append(", so ");
        }

        var chosen = holds ? args[1] : args[2];
        return Evaluator.EvaluateChild(chosen, Nodes.ShowsCondition(chosen), ref context, out scale);
    }

    private static Value MinMax(CallNode node, ref EvaluationContext context)
    {
        var wantMax = node.Function == FunctionId.Max;
        var best = RequiredArgument(node, 0, ref context);
        for (var i = 1; i < node.ArgumentArray.Length; i++)
        {
            var candidate = RequiredArgument(node, i, ref context);

            // The result must have one kind and unit, so mixing 60 mg with a plain 70 is refused here
            // even though comparing them would be allowed.
            if (candidate.Kind != best.Kind || !string.Equals(candidate.Unit, best.Unit, StringComparison.Ordinal))
            {
                throw Evaluator.Error(node, ref context, $"{node.Name} cannot mix {best.DescribeKind()} with {candidate.DescribeKind()}");
            }

            var error = Operators.Order(candidate, best, out var comparison);
            if (error is not null)
            {
                throw Evaluator.Error(node, ref context, error);
            }

            if (wantMax ? comparison > 0 : comparison < 0)
            {
                best = candidate;
            }
        }

        return best;
    }

    private static Value Round(CallNode node, ref EvaluationContext context)
    {
        var value = RequireNumeric(RequiredArgument(node, 0, ref context), node, ref context);
        var digits = 0;
        if (node.ArgumentArray.Length == 2)
        {
            var digitsValue = RequiredArgument(node, 1, ref context);
            if (digitsValue.Kind != ValueKind.Number || digitsValue.RawNumber != decimal.Truncate(digitsValue.RawNumber)
                || digitsValue.RawNumber is < 0 or > 28)
            {
                throw Evaluator.Error(node, ref context, "round() takes a whole number of digits from 0 to 28");
            }

            digits = (int)digitsValue.RawNumber;
        }

        // Half away from zero, as clinicians round by hand (banker's rounding would make 2.5 -> 2).
        return WithMagnitude(value, Math.Round(value.RawNumber, digits, MidpointRounding.AwayFromZero));
    }

    private static Value Magnitude(CallNode node, ref EvaluationContext context)
    {
        var value = RequiredArgument(node, 0, ref context);
        if (node.Function == FunctionId.Abs && value.Kind == ValueKind.Duration)
        {
            return Value.Duration(value.AsDuration().Duration());
        }

        RequireNumeric(value, node, ref context);
        var number = value.RawNumber;
        return WithMagnitude(value, node.Function switch
        {
            FunctionId.Floor => decimal.Floor(number),
            FunctionId.Ceil => decimal.Ceiling(number),
            _ => Math.Abs(number),
        });
    }

    private static Value DaysBetween(CallNode node, ref EvaluationContext context)
    {
        var from = RequiredArgument(node, 0, ref context);
        var to = RequiredArgument(node, 1, ref context);
        if (from.Kind != ValueKind.DateTime || to.Kind != ValueKind.DateTime)
        {
            throw Evaluator.Error(node, ref context, $"daysBetween() needs two date-times, not {from.DescribeKind()} and {to.DescribeKind()}");
        }

        // Whole days, truncated towards zero: 89 days 23 hours is 89 days, so ">= 90" is not met early.
        return Value.Number((to.AsDateTime() - from.AsDateTime()).Days);
    }

    // Calendar months, because "every 3 months" (ibandronate, R6) is not a fixed number of days:
    // 31 January + 1 month is 28/29 February, as a person counting on a calendar would say.
    private static Value AddMonths(CallNode node, ref EvaluationContext context)
    {
        var from = RequiredArgument(node, 0, ref context);
        var months = RequiredArgument(node, 1, ref context);
        if (from.Kind != ValueKind.DateTime || months.Kind != ValueKind.Number || months.AsDecimal() != decimal.Truncate(months.AsDecimal()))
        {
            throw Evaluator.Error(node, ref context, $"addMonths() needs a date-time and a whole number of months, not {from.DescribeKind()} and {months.DescribeKind()}");
        }

        return Value.DateTime(from.AsDateTime().AddMonths((int)months.AsDecimal()));
    }

    private static Value Date(CallNode node, ref EvaluationContext context)
    {
        var text = RequiredArgument(node, 0, ref context);
        if (text.Kind != ValueKind.String)
        {
            throw Evaluator.Error(node, ref context, $"date() needs a string like \"2026-01-05\", not {text.DescribeKind()}");
        }

        return Value.TryParseDateTime(text.AsString(), out var date)
            ? Value.DateTime(date)
            : throw Evaluator.Error(node, ref context, $"'{text.AsString()}' is not a date like \"2026-01-05\"");
    }

    private static Value MakeDuration(CallNode node, ref EvaluationContext context)
    {
        var amount = RequiredArgument(node, 0, ref context);
        if (amount.Kind != ValueKind.Number)
        {
            throw Evaluator.Error(node, ref context, $"{node.Name}() needs a number, not {amount.DescribeKind()}");
        }

        var ticksPerUnit = node.Function switch
        {
            FunctionId.Days => TimeSpan.TicksPerDay,
            FunctionId.Weeks => TimeSpan.TicksPerDay * 7,
            FunctionId.Hours => TimeSpan.TicksPerHour,
            _ => TimeSpan.TicksPerMinute,
        };

        // Bounded before multiplying, so huge inputs give a clear error rather than an overflow.
        var limit = (decimal)TimeSpan.MaxValue.Ticks / ticksPerUnit;
        if (Math.Abs(amount.RawNumber) > limit)
        {
            throw Evaluator.Error(node, ref context, "the duration is too long");
        }

        return Value.Duration(new TimeSpan((long)decimal.Round(amount.RawNumber * ticksPerUnit)));
    }

    private static Value RequireNumeric(in Value value, CallNode node, ref EvaluationContext context) =>
        value.Kind is ValueKind.Number or ValueKind.Quantity
            ? value
            : throw Evaluator.Error(node, ref context, $"{node.Name}() needs a number or quantity, not {value.DescribeKind()}");

    private static Value WithMagnitude(in Value original, decimal magnitude) =>
        original.Kind == ValueKind.Quantity ? Value.Quantity(magnitude, original.Unit!) : Value.Number(magnitude);
}
