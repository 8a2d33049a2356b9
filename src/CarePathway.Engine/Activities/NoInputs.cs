namespace CarePathway.Engine.Activities;

/// <summary>The inputs of an activity that takes none (Start, End).</summary>
public sealed record NoInputs;
