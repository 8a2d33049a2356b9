namespace CarePathway.Engine.Activities;

/// <summary>
/// Declares a property of an activity's inputs record as one of its inputs, which the designer lists and the
/// validator and the binder read. The input's name is the property's name in camel case; it is required when the
/// property is declared <c>required</c>, and an optional input that is not given keeps the property's initial
/// value. Its <see cref="InputKind"/> follows from the property's type: <c>string</c> is text (a choice with
/// <see cref="Options"/> or <see cref="OptionsOf"/>), <see cref="ExpressionInput"/> an expression, <c>bool</c> a
/// boolean, <c>IReadOnlyList&lt;string&gt;</c> a text list, and <c>IReadOnlyList</c> of a record whose properties
/// are inputs in their turn an object list.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute(string description) : Attribute
{
    /// <summary>What the designer shows beside the input.</summary>
    public string Description { get; } = description;

    /// <summary>The input's name in words, when the words <see cref="InputLabel.FromPropertyName"/> makes of the property's name would not do.</summary>
    public string? Label { get; set; }

    /// <summary>For an expression input: the type of value it must produce.</summary>
    public ExpressionType ExpressionType { get; set; } = ExpressionType.Any;

    /// <summary>Makes a string input a choice among these values.</summary>
    public string[]? Options { get; set; }

    /// <summary>Makes a string input a choice among the values a closed set lists in its public static <c>All</c> (e.g. <see cref="TaskRoles"/>).</summary>
    public Type? OptionsOf { get; set; }
}
