namespace CarePathway.Engine.Definitions;

/// <summary>An edge: when activity <see cref="From"/> ends with <see cref="Outcome"/>, the path goes on at <see cref="To"/>.</summary>
public sealed record Connection(string From, string Outcome, string To);
