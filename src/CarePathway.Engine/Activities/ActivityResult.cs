namespace CarePathway.Engine.Activities;

/// <summary>What an activity did when it ran or was resumed.</summary>
public abstract record ActivityResult
{
    /// <summary>The activity is done; the path continues along each named outcome (a Fork names several).</summary>
    public sealed record Completed(IReadOnlyList<string> Outcomes, ScopeChange Scope = ScopeChange.None) : ActivityResult;

    /// <summary>The activity waits on the bookmarks it created; its path is blocked until one is resumed.</summary>
    public sealed record Waiting : ActivityResult;

    /// <summary>The path stays where it is without a bookmark (a Join waiting for its siblings).</summary>
    public sealed record Parked : ActivityResult;

    /// <summary>The path ends here (End).</summary>
    public sealed record Ended : ActivityResult;

    /// <summary>Every path of the instance ends here (an End with endsPathway): the pathway completes.</summary>
    public sealed record EndedEveryPath : ActivityResult;

    public static ActivityResult Done(string outcome) => new Completed([outcome]);
    public static ActivityResult Done(IReadOnlyList<string> outcomes) => new Completed(outcomes);

    /// <summary>A Fork: every outcome starts a path, all inside a new scope a Join can close.</summary>
    public static ActivityResult Branch(IReadOnlyList<string> outcomes) => new Completed(outcomes, ScopeChange.Open);

    /// <summary>A Join: the joined path leaves the fork's scope.</summary>
    public static ActivityResult Joined(string outcome) => new Completed([outcome], ScopeChange.Close);
    public static readonly ActivityResult Wait = new Waiting();
    public static readonly ActivityResult Park = new Parked();
    public static readonly ActivityResult End = new Ended();
    public static readonly ActivityResult EndEveryPath = new EndedEveryPath();
}

public enum ScopeChange
{
    None,
    Open,
    Close,
}
