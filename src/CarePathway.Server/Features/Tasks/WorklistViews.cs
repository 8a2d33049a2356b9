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
    /// Every view's count (in <see cref="Names"/> order) and each kind's, in one grouped pass over the filtered tasks:
    /// <c>GROUP BY Kind</c> with <c>COUNT(CASE WHEN view THEN 1 END)</c> per view, each view's predicate the same
    /// expression the list filters on. The counts index (Status, Kind, Role, LabHold, DueOrder, PatientId) holds every
    /// column this reads, so it is one read of that index in its order; the kinds cost no second pass.
    /// </summary>
    public static async Task<WorklistCounts> CountAsync(IQueryable<HumanTask> tasks, DateTimeOffset now, CancellationToken ct)
    {
        var group = Expression.Parameter(typeof(IGrouping<string, HumanTask>), "g");
        var counts = Names.Select(view => (Expression)Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [typeof(HumanTask)], group, Predicate(view, now)));
        var row = Expression.New(typeof(KindViewCounts).GetConstructors().Single(), Expression.Property(group, nameof(IGrouping<,>.Key)), Expression.NewArrayInit(typeof(int), counts));
        var selector = Expression.Lambda<Func<IGrouping<string, HumanTask>, KindViewCounts>>(row, group);
        var kinds = await tasks.GroupBy(t => t.Kind).Select(selector).ToListAsync(ct);
        var all = Enumerable.Range(0, Names.Count).Single(i => Names[i] == All);
        return new WorklistCounts(
            [.. Names.Select((_, i) => kinds.Sum(k => k.Views[i]))],
            [.. kinds.Select(k => new KindCount(k.Kind, k.Views[all])).OrderBy(k => k.Kind, StringComparer.Ordinal)]);
    }

    /// <summary>One kind's tasks counted in every view.</summary>
    private sealed record KindViewCounts(string Kind, int[] Views);

    /// <summary>
    /// A view's tasks. The due-date views read <see cref="HumanTask.DueOrder"/> (the due date, or
    /// <see cref="HumanTask.UndatedDueOrder"/> when there is none) rather than DueAt, so the index that orders the view also
    /// answers its date range and its count without reading the rows.
    /// </summary>
    private static Expression<Func<HumanTask, bool>> Predicate(string view, DateTimeOffset now)
    {
        var startOfTomorrow = StartOfTomorrow(now);
        return view switch
        {
            Today => t => t.Role == TaskRoles.Coordinator && t.DueOrder >= now && t.DueOrder < startOfTomorrow,
            Overdue => t => t.Role == TaskRoles.Coordinator && t.DueOrder < now,
            Upcoming => t => t.Role == TaskRoles.Coordinator && t.DueOrder >= startOfTomorrow && t.DueOrder < HumanTask.UndatedDueOrder,
            Undated => t => t.Role == TaskRoles.Coordinator && t.DueOrder == HumanTask.UndatedDueOrder,
            Held => t => t.LabHold == LabHold.Held,
            Approval => t => t.Role == TaskRoles.Clinician,
            MissingLabs => t => t.LabHold == LabHold.Missing,
            All => t => true,
            _ => throw new ArgumentOutOfRangeException(nameof(view), view, "not a worklist view"),
        };
    }

    public static DateTimeOffset StartOfTomorrow(DateTimeOffset now) => new(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
}

/// <summary>Every worklist view's count, in <see cref="WorklistViews.Names"/> order, and the kinds with how many of each.</summary>
internal sealed record WorklistCounts(IReadOnlyList<int> Views, IReadOnlyList<KindCount> Kinds);
