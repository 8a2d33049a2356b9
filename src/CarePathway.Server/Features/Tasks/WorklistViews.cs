using System.Linq.Expressions;
using CarePathway.Engine.Activities;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Tasks;

/// <summary>
/// The worklist's views (the web app's tabs), defined once here: the list filters on one (<c>view=today</c>) and the
/// counts count each of them, so a tab's badge and its rows can never disagree. Days are UTC days.
/// </summary>
internal static class WorklistViews
{
    public const string Today = "today";
    public const string Overdue = "overdue";
    public const string Upcoming = "upcoming";
    public const string Undated = "undated";
    public const string Held = "held";
    public const string Approval = "approval";
    public const string MissingLabs = "missing-labs";
    public const string All = "all";

    /// <summary>In the order the tabs are shown.</summary>
    public static readonly IReadOnlyList<string> Names = [Today, Overdue, Upcoming, Undated, Held, Approval, MissingLabs, All];

    /// <summary>
    /// The view's tasks among <paramref name="tasks"/>. The coordinator's due-date views are the coordinator role's;
    /// "undated" is theirs too (older pathway versions set no deadline: that work must still be seen); approvals are
    /// the clinician role's; the lab views and "all" are everyone's.
    /// </summary>
    public static IQueryable<HumanTask> Apply(IQueryable<HumanTask> tasks, string view, DateTimeOffset now) => tasks.Where(Predicate(view, now));

    public static string? Parse(string? view) =>
        string.IsNullOrWhiteSpace(view) ? null
        : Names.Contains(view) ? view
        : throw RequestValidationException.Field("view", $"must be {string.Join(", ", Names)}");

    /// <summary>
    /// Every view's count in one pass over the filtered tasks (<c>COUNT(CASE WHEN view THEN 1 END)</c> per view, in
    /// <see cref="Names"/> order): one command whatever the number of views, each view's predicate the same
    /// expression the list filters on.
    /// </summary>
    public static async Task<IReadOnlyList<int>> CountAsync(IQueryable<HumanTask> tasks, DateTimeOffset now, CancellationToken ct)
    {
        var group = Expression.Parameter(typeof(IGrouping<int, HumanTask>), "g");
        var counts = Names.Select(view => (Expression)Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(HumanTask)], group, Predicate(view, now)));
        var selector = Expression.Lambda<Func<IGrouping<int, HumanTask>, int[]>>(Expression.NewArrayInit(typeof(int), counts), group);
        // No row when nothing matches the filter: every view is empty.
        return await tasks.GroupBy(t => 1).Select(selector).SingleOrDefaultAsync(ct) ?? new int[Names.Count];
    }

    /// <summary>Whether a view can hold undated tasks: the due order then needs its undated-last term.</summary>
    public static bool MayHoldUndated(string? view) => view is not (Today or Overdue or Upcoming);

    private static Expression<Func<HumanTask, bool>> Predicate(string view, DateTimeOffset now)
    {
        var startOfTomorrow = StartOfTomorrow(now);
        return view switch
        {
            Today => t => t.Role == TaskRoles.Coordinator && t.DueAt != null && t.DueAt >= now && t.DueAt < startOfTomorrow,
            Overdue => t => t.Role == TaskRoles.Coordinator && t.DueAt != null && t.DueAt < now,
            Upcoming => t => t.Role == TaskRoles.Coordinator && t.DueAt != null && t.DueAt >= startOfTomorrow,
            Undated => t => t.Role == TaskRoles.Coordinator && t.DueAt == null,
            Held => t => t.LabHold == LabHold.Held,
            Approval => t => t.Role == TaskRoles.Clinician,
            MissingLabs => t => t.LabHold == LabHold.Missing,
            All => t => true,
            _ => throw new ArgumentOutOfRangeException(nameof(view), view, "not a worklist view"),
        };
    }

    public static DateTimeOffset StartOfTomorrow(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}
