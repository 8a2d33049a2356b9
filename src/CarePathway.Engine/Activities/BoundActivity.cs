using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Engine.Validation;

namespace CarePathway.Engine.Activities;

/// <summary>
/// A configured activity with its inputs bound: what a compiled definition holds for each activity, and what the
/// runner and the validator call without knowing the inputs' type.
/// </summary>
public abstract class BoundActivity
{
    private protected BoundActivity(ActivityDefinition definition) => Definition = definition;

    /// <summary>The activity as the definition configures it.</summary>
    public ActivityDefinition Definition { get; }

    internal abstract IReadOnlyList<string> OutcomesOf();
    internal abstract IEnumerable<ValidationProblem> Validate(WorkflowDefinition definition);
    internal abstract IEnumerable<ValidationProblem> Advise();
    internal abstract ActivityResult Execute(ActivityContext context);
    internal abstract ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus);
    internal abstract IReadOnlyList<ValidationProblem> Refuses(InstanceState state, Stimulus stimulus, DateTimeOffset now);
    internal abstract bool StandsOn(InstanceState state, LabWithdrawn lab);
}

/// <summary>A configured activity of a type whose inputs are <typeparamref name="TInputs"/>, and those inputs.</summary>
public sealed class BoundActivity<TInputs> : BoundActivity where TInputs : class
{
    private readonly Activity<TInputs> _type;

    internal BoundActivity(ActivityDefinition definition, Activity<TInputs> type, TInputs inputs) : base(definition)
    {
        _type = type;
        Inputs = inputs;
    }

    /// <summary>The inputs, as bound when the definition was compiled.</summary>
    public TInputs Inputs { get; }

    internal override IReadOnlyList<string> OutcomesOf() => _type.OutcomesOf(Inputs);
    internal override IEnumerable<ValidationProblem> Validate(WorkflowDefinition definition) =>
        Inputs is BuiltIn.ITaskDue due ? BuiltIn.TaskInputs.Check(Definition, due).Concat(_type.Validate(Definition, Inputs, definition)) : _type.Validate(Definition, Inputs, definition);
    internal override IEnumerable<ValidationProblem> Advise() =>
        _type.Descriptor.Blocking && Inputs is BuiltIn.ITaskDue due ? BuiltIn.TaskInputs.Advise(Definition, due).Concat(_type.Advise(Definition, Inputs)) : _type.Advise(Definition, Inputs);
    internal override ActivityResult Execute(ActivityContext context) => _type.Execute(context, Inputs);
    internal override ActivityResult Resume(ActivityContext context, Bookmark bookmark, Stimulus stimulus) => _type.Resume(context, Inputs, bookmark, stimulus);
    internal override IReadOnlyList<ValidationProblem> Refuses(InstanceState state, Stimulus stimulus, DateTimeOffset now) => _type.Refuses(Inputs, state, stimulus, now);
    internal override bool StandsOn(InstanceState state, LabWithdrawn lab) => _type.StandsOn(Inputs, state, lab);
}
