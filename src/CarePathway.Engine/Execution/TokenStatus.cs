using System.Text.Json.Serialization;

namespace CarePathway.Engine.Execution;

/// <summary>Where a path is: about to run its activity, waiting on bookmarks, parked at a Join, or faulted.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TokenStatus>))]
public enum TokenStatus
{
    /// <summary>Its activity runs next.</summary>
    [JsonStringEnumMemberName("ready")] Ready,

    /// <summary>Its activity waits on a task, timer or event.</summary>
    [JsonStringEnumMemberName("waiting")] Waiting,

    /// <summary>At a Join, until none of its siblings is still on its way.</summary>
    [JsonStringEnumMemberName("parked")] Parked,

    /// <summary>Its activity failed; an incident is open until it is retried.</summary>
    [JsonStringEnumMemberName("faulted")] Faulted,
}

/// <summary>The path lifecycle (<see cref="Token.MoveTo"/> goes through it). A path that ends is removed, not given a status.</summary>
public static class TokenStatusTransitions
{
    /// <summary>
    /// A ready path waits, parks or faults; a waiting one resumed may wait again (e.g. a gate that held issues a
    /// new task) or fault; a parked Join is released to run again; retrying an incident makes its path ready, or
    /// waiting again when the incident is a timer that could not be delivered (the path still waits on it).
    /// </summary>
    public static readonly TransitionTable<TokenStatus> Table = new(new Dictionary<TokenStatus, TokenStatus[]>
    {
        [TokenStatus.Ready] = [TokenStatus.Waiting, TokenStatus.Parked, TokenStatus.Faulted],
        [TokenStatus.Waiting] = [TokenStatus.Waiting, TokenStatus.Faulted],
        [TokenStatus.Parked] = [TokenStatus.Ready],
        [TokenStatus.Faulted] = [TokenStatus.Ready, TokenStatus.Waiting],
    });
}
