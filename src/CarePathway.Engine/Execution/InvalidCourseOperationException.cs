using CarePathway.Engine.Activities;

namespace CarePathway.Engine.Execution;

/// <summary>
/// Raised by <see cref="CourseState"/> when it is asked for something its state forbids (a dose without a clearance,
/// above the approved one, an override without a reason). An activity that asks is miswired or misused, so this is
/// an <see cref="ActivityFaultException"/>: the runner makes it an incident on the instance, and nothing is given.
/// </summary>
public sealed class InvalidCourseOperationException(string message) : ActivityFaultException(message);
