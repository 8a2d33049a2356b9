namespace CarePathway.Engine.Activities;

/// <summary>
/// What the catalog says about an activity type: what the designer shows in its palette and
/// property panel, and what the validator checks definitions against.
/// </summary>
public sealed record ActivityDescriptor
{
    public required string Type { get; init; }
    public required string DisplayName { get; init; }
    public required string Category { get; init; }
    public required string Description { get; init; }
    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];

    /// <summary>The fixed outcomes; for activities whose outcomes come from inputs, see <see cref="OutcomesFrom"/>.</summary>
    public IReadOnlyList<string> Outcomes { get; init; } = [];

    /// <summary>When set, the input whose values name the outcomes (Switch cases, task outcomes, fork branches).</summary>
    public string? OutcomesFrom { get; init; }

    /// <summary>True when the activity may wait for a person, a timer or an event.</summary>
    public bool Blocking { get; init; }
}

/// <summary>How an input's JSON value is read.</summary>
public enum InputKind
{
    /// <summary>A plain string shown to people (a title, instructions).</summary>
    Text,
    /// <summary>A string in the expression language, evaluated when the activity runs.</summary>
    Expression,
    /// <summary>A string among <see cref="InputDescriptor.Options"/>.</summary>
    Choice,
    Number,
    Boolean,
    /// <summary>An array of strings.</summary>
    TextList,
    /// <summary>An array of objects whose fields are described by <see cref="InputDescriptor.Fields"/>.</summary>
    ObjectList,
}

/// <summary>The value type an expression input must produce.</summary>
public enum ExpressionType
{
    Any,
    Boolean,
    Number,
    Duration,
    DateTime,
    String,
}

public sealed record InputDescriptor
{
    public required string Name { get; init; }

    /// <summary>The name in words, as the designer labels the input (<c>dueIn</c>: "Due in").</summary>
    public required string Label { get; init; }

    public required InputKind Kind { get; init; }
    public bool Required { get; init; }
    public required string Description { get; init; }
    public ExpressionType ExpressionType { get; init; } = ExpressionType.Any;
    public IReadOnlyList<string>? Options { get; init; }

    /// <summary>For <see cref="InputKind.ObjectList"/>: the fields of each item.</summary>
    public IReadOnlyList<InputDescriptor>? Fields { get; init; }
}
