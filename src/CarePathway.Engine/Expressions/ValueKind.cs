namespace CarePathway.Engine.Expressions;

/// <summary>The kinds of value the expression language works with.</summary>
public enum ValueKind
{
    /// <summary>No value (a missing lab, an unset variable). Also <c>default(Value)</c>.</summary>
    Null = 0,
    Number,
    Quantity,
    String,
    Boolean,
    DateTime,
    Duration,
}
