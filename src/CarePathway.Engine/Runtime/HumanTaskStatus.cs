using System.Text.Json.Serialization;
using CarePathway.Engine.Execution;

namespace CarePathway.Engine.Runtime;

/// <summary>A task's status: open until a person completes it or the pathway cancels it; travels as the lowercase name.</summary>
// The one task status the engine's stores, the server's rows and the API share. Not "TaskStatus": that name is the
// BCL's, imported everywhere.
[JsonConverter(typeof(JsonStringEnumConverter<HumanTaskStatus>))]
public enum HumanTaskStatus
{
    /// <summary>Waiting for a person.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>Closed with an outcome.</summary>
    [JsonStringEnumMemberName("completed")] Completed,

    /// <summary>Closed because the pathway moved on or was cancelled.</summary>
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

/// <summary>The task lifecycle: an open task is completed or cancelled, once; both are final.</summary>
public static class HumanTaskStatusTransitions
{
    /// <summary>Open becomes completed or cancelled; nothing follows either.</summary>
    public static readonly TransitionTable<HumanTaskStatus> Table = new(new Dictionary<HumanTaskStatus, HumanTaskStatus[]>
    {
        [HumanTaskStatus.Open] = [HumanTaskStatus.Completed, HumanTaskStatus.Cancelled],
        [HumanTaskStatus.Completed] = [],
        [HumanTaskStatus.Cancelled] = [],
    });
}
