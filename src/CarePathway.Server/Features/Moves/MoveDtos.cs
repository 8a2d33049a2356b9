using System.Text.Json.Nodes;
using CarePathway.Engine.Execution;

namespace CarePathway.Server.Features.Moves;

/// <summary>
/// A plan to move running instances of one version of a definition to another: which instances, where each waiting
/// activity lands (an id in both versions lands on itself unless mapped), and why (required to move; the dry run
/// does not need it).
/// </summary>
/// <param name="FromVersion">The version the instances run on now.</param>
/// <param name="ToVersion">The published version they move to.</param>
/// <param name="Select">Which of them; nothing given: every unfinished instance of <paramref name="FromVersion"/>.</param>
/// <param name="Mapping">Old activity id to new activity id, for waits whose activity the new version lacks or should land elsewhere.</param>
/// <param name="Reason">Why they move, journaled on each instance with who moved it.</param>
public sealed record MoveBody(int? FromVersion, int? ToVersion, MoveSelection? Select, Dictionary<string, string>? Mapping, string? Reason);

/// <summary>Which instances move; given together, an instance must match each.</summary>
/// <param name="ActivityId">Those with a path at this activity of the old version.</param>
/// <param name="PatientId">Those of this patient.</param>
/// <param name="InstanceIds">These instances.</param>
public sealed record MoveSelection(string? ActivityId, Guid? PatientId, IReadOnlyList<Guid>? InstanceIds);

/// <summary>What a dry run found, or what a move did, instance by instance.</summary>
/// <param name="DefinitionId">The definition.</param>
/// <param name="FromVersion">The version the instances ran on.</param>
/// <param name="ToVersion">The version they move to.</param>
/// <param name="Applied">False for a dry run: nothing was changed.</param>
/// <param name="Selected">How many instances the selection chose.</param>
/// <param name="Moving">How many move (or, in a dry run, would).</param>
/// <param name="Staying">How many stay where they are, each with its reason.</param>
/// <param name="Instances">Each selected instance, oldest first.</param>
public sealed record MoveReport(string DefinitionId, int FromVersion, int ToVersion, bool Applied, int Selected, int Moving, int Staying,
    IReadOnlyList<InstanceMove> Instances);

/// <param name="InstanceId">The instance.</param>
/// <param name="PatientId">Its patient.</param>
/// <param name="PatientName">The patient's name ("Family, Given").</param>
/// <param name="Moves">True when it moves (a dry run: would move).</param>
/// <param name="StaysBecause">Why it stays where it is; null when it moves.</param>
/// <param name="Paths">Where each of its paths is and where it lands.</param>
/// <param name="ParameterChanges">Parameters whose value changes with the version (at the old default: the new default), by name, each {from, to}.</param>
/// <param name="Forward">The dry run only: the instance run forward from where it is, on its version and on the new one.</param>
public sealed record InstanceMove(Guid InstanceId, Guid PatientId, string PatientName, bool Moves, string? StaysBecause,
    IReadOnlyList<PathPlacement> Paths, JsonObject? ParameterChanges, ForwardComparison? Forward);

/// <param name="From">The activity of the old version the path is at.</param>
/// <param name="To">Where it lands in the new version (null: nowhere, so the instance stays).</param>
/// <param name="Waiting">What it waits on there: task, timer, event, or the path's status (parked at a join).</param>
public sealed record PathPlacement(string From, string? To, string Waiting);

/// <summary>The instance run forward from its current state in virtual time, unmoved and moved, and whether that differs.</summary>
public sealed record ForwardComparison(ForwardRun OnCurrentVersion, ForwardRun OnNewVersion, bool Differs);

/// <summary>
/// A forward run: its open tasks take their default outcome on their day and its timers fire, nothing is recorded for the
/// patient, for a year at most.
/// </summary>
/// <param name="Status">How it ended: completed, or still running (waiting).</param>
/// <param name="WaitingOn">When it still runs: what it waits on at the end, in words.</param>
/// <param name="Steps">What happened, one line per timeline entry ("day 84: task.created nsaid-review").</param>
public sealed record ForwardRun(InstanceStatus Status, string? WaitingOn, IReadOnlyList<string> Steps);
