namespace CarePathway.Engine.Validation;

/// <summary>
/// One thing wrong with a definition. <see cref="ActivityId"/> is null for problems of the
/// definition as a whole (a parameter, a connection to nowhere...); <see cref="Field"/> is the
/// JSON path of the offending value.
/// </summary>
public sealed record ValidationProblem(string? ActivityId, string Field, string Message)
{
    /// <summary>The subject shown to people: the activity id, or "definition".</summary>
    public string Subject => ActivityId ?? "definition";

    public override string ToString() => $"{Subject}: {Field}: {Message}";
}
