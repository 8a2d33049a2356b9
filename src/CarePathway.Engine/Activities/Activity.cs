using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Expressions;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities;

/// <summary>
/// An activity type, as the catalog holds it. Every activity derives from <see cref="Activity{TInputs}"/>, which
/// declares its inputs; this base is what the catalog, the validator and the compiler see without knowing the type.
/// </summary>
public abstract class Activity
{
    private protected Activity()
    {
    }

    public abstract ActivityDescriptor Descriptor { get; }

    /// <summary>
    /// Binds a configured activity's inputs: the bound activity, or null when an input is not well formed, and every
    /// problem found (<paramref name="checkExpression"/> adds the validator's checks of each parsed expression).
    /// </summary>
    internal abstract (BoundActivity? Bound, IReadOnlyList<ValidationProblem> Problems) Bind(
        ActivityDefinition activity, Func<ParsedExpression, IEnumerable<string>>? checkExpression = null);
}

/// <summary>
/// An activity type whose inputs are a <typeparamref name="TInputs"/> record (its properties marked with
/// <see cref="InputAttribute"/>), bound once when the definition is compiled; the descriptor's inputs are derived
/// from it. Implementations are stateless singletons: everything an instance needs to remember goes through
/// <see cref="ActivityContext"/> into the instance state, so a run can be persisted after any step and replayed
/// deterministically.
/// </summary>
public abstract class Activity<TInputs> : Activity where TInputs : class
{
    private static readonly InputShape Shape = InputShape.Of(typeof(TInputs));
    private ActivityDescriptor? _descriptor;

    /// <summary>What the catalog says about the type, but its inputs, which <typeparamref name="TInputs"/> declares.</summary>
    protected abstract ActivityDescriptor About { get; }

    public sealed override ActivityDescriptor Descriptor => _descriptor ??= About.Inputs.Count == 0
        ? About with { Inputs = Shape.Descriptors }
        : throw new InvalidOperationException($"{About.Type} declares its inputs in {typeof(TInputs).Name}, not in its descriptor");

    /// <summary>The outcomes this configured activity can end with; each must be connected.</summary>
    public virtual IReadOnlyList<string> OutcomesOf(TInputs inputs) => Descriptor.Outcomes;

    /// <summary>Checks beyond the inputs' own (e.g. a Switch case list that repeats a name).</summary>
    public virtual IEnumerable<ValidationProblem> Validate(ActivityDefinition activity, TInputs inputs, WorkflowDefinition definition) => [];

    /// <summary>
    /// Advice that does not make the definition invalid (published versions stay as they are): a wait that can hold the
    /// pathway unseen, with no timeout, due date or limit to bring it to someone's attention.
    /// </summary>
    public virtual IEnumerable<ValidationProblem> Advise(ActivityDefinition activity, TInputs inputs) => [];

    public abstract ActivityResult Execute(ActivityContext context, TInputs inputs);

    /// <summary>
    /// Problems that make a stimulus unacceptable (a task outcome it does not offer, a missing
    /// reason). Checked before the bookmark is consumed, so a refused stimulus changes nothing.
    /// </summary>
    public virtual IReadOnlyList<ValidationProblem> Refuses(TInputs inputs, Stimulus stimulus) => [];

    /// <summary>
    /// As <see cref="Refuses(TInputs, Stimulus)"/>, for activities whose answer depends on the instance
    /// (an approved dose) or on the time it arrives (a start time in the future).
    /// </summary>
    public virtual IReadOnlyList<ValidationProblem> Refuses(TInputs inputs, InstanceState state, Stimulus stimulus, DateTimeOffset now) =>
        Refuses(inputs, stimulus);

    /// <summary>
    /// True when this activity, waiting, stands on a lab just withdrawn (<see cref="LabWithdrawn"/>) and must be resumed
    /// with it: a gate reading its code runs again; an approval or infusion whose clearance stood on it goes back.
    /// </summary>
    public virtual bool StandsOn(TInputs inputs, InstanceState state, LabWithdrawn lab) => false;

    /// <summary>Called when one of the bookmarks this activity created is resumed.</summary>
    public virtual ActivityResult Resume(ActivityContext context, TInputs inputs, Bookmark bookmark, Stimulus stimulus) =>
        throw new ActivityFaultException($"{Descriptor.Type} does not wait on bookmarks");

    internal sealed override (BoundActivity? Bound, IReadOnlyList<ValidationProblem> Problems) Bind(
        ActivityDefinition activity, Func<ParsedExpression, IEnumerable<string>>? checkExpression = null)
    {
        var binder = new InputBinder(activity.Id, checkExpression);
        var inputs = binder.Bind(Shape, activity, Descriptor.Type);
        return (inputs is null ? null : new BoundActivity<TInputs>(activity, this, (TInputs)inputs), binder.Problems);
    }
}

/// <summary>
/// Raised by an activity that cannot go on; the runner turns it into an incident on the instance. Not sealed so that
/// the state an activity changes can refuse with its own type (<see cref="Execution.InvalidCourseOperationException"/>)
/// and still become an incident.
/// </summary>
public class ActivityFaultException(string message, Exception? inner = null) : Exception(message, inner);
