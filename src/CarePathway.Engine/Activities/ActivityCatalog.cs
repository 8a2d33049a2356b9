using CarePathway.Engine.Activities.BuiltIn;
using CarePathway.Engine.Activities.Clinical;

namespace CarePathway.Engine.Activities;

/// <summary>The activity types the engine knows, by type name. Clinical activities register here too.</summary>
public sealed class ActivityCatalog
{
    private readonly Dictionary<string, Activity> _byType = new(StringComparer.Ordinal);

    public ActivityCatalog(IEnumerable<Activity> activities)
    {
        foreach (var activity in activities)
        {
            if (!_byType.TryAdd(activity.Descriptor.Type, activity))
                throw new ArgumentException($"activity type '{activity.Descriptor.Type}' is registered twice", nameof(activities));
        }
    }

    /// <summary>The general-purpose activities every pathway can use.</summary>
    public static IReadOnlyList<Activity> BuiltIn { get; } =
    [
        new StartActivity(), new EndActivity(), new DecisionActivity(), new SwitchActivity(),
        new ForkActivity(), new JoinActivity(), new SetVariableActivity(), new DelayActivity(),
        new HumanTaskActivity(), new ApprovalActivity(), new ReminderActivity(), new WaitForEventActivity(),
    ];

    /// <summary>The clinical activities of the bisphosphonate pathways: gates, renal function, dosing, approval, administration, intervals.</summary>
    public static IReadOnlyList<Activity> Clinical { get; } =
    [
        new LabGateActivity(), new RenalFunctionActivity(), new DoseCalculationActivity(), new InfusionApprovalActivity(),
        new AdministerInfusionActivity(), new DoseScheduleActivity(),
    ];

    public static ActivityCatalog Default { get; } = new([.. BuiltIn, .. Clinical]);

    public IEnumerable<ActivityDescriptor> Descriptors => _byType.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type);

    public bool TryGet(string type, out Activity activity) => _byType.TryGetValue(type, out activity!);

    public Activity Get(string type) =>
        _byType.TryGetValue(type, out var activity) ? activity : throw new KeyNotFoundException($"unknown activity type '{type}'");
}
