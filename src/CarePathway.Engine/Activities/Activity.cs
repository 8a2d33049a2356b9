using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities;

/// <summary>
/// An activity type. Implementations are stateless singletons: everything an instance needs to
/// remember goes through <see cref="ActivityContext"/> into the instance state, so a run can be
/// persisted after any step and replayed deterministically.
/// </summary>
public abstract class Activity
{
    public abstract ActivityDescriptor Descriptor { get; }

    /// <summary>The outcomes this configured activity can end with; each must be connected.</summary>
    public virtual IReadOnlyList<string> OutcomesOf(ActivityDefinition activity) => Descriptor.Outcomes;

    /// <summary>Checks beyond the generic input checks (e.g. a Switch case list that repeats a name).</summary>
    public virtual IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, WorkflowDefinition definition) => [];

    public abstract ActivityResult Execute(ActivityContext context);

    /// <summary>
    /// Problems that make a stimulus unacceptable (a task outcome it does not offer, a missing
    /// reason). Checked before the bookmark is consumed, so a refused stimulus changes nothing.
    /// </summary>
    public virtual IReadOnlyList<ValidationProblem> Refuses(ActivityDefinition activity, Stimulus stimulus) => [];

    /// <summary>
    /// As <see cref="Refuses(ActivityDefinition, Stimulus)"/>, for activities whose answer depends on the instance
    /// (an approved dose) or on the time it arrives (a start time in the future).
    /// </summary>
    public virtual IReadOnlyList<ValidationProblem> Refuses(ActivityDefinition activity, InstanceState state, Stimulus stimulus, DateTimeOffset now) =>
        Refuses(activity, stimulus);

    /// <summary>Called when one of the bookmarks this activity created is resumed.</summary>
    public virtual ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus) =>
        throw new ActivityFaultException($"{Descriptor.Type} does not wait on bookmarks");
}

/// <summary>
/// Raised by an activity that cannot go on; the runner turns it into an incident on the instance. Not sealed so that
/// the state an activity changes can refuse with its own type (<see cref="Execution.InvalidCourseOperationException"/>)
/// and still become an incident.
/// </summary>
public class ActivityFaultException(string message, Exception? inner = null) : Exception(message, inner);
