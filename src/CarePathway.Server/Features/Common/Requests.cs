using CarePathway.Engine.Validation;
using MediatR;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// A request that changes data. The pipeline runs it in one database transaction, audits it, and
/// hands any timer requests it committed to the scheduler afterwards.
/// </summary>
public interface ICommand<out TResponse> : IRequest<TResponse>
{
    /// <summary>What the audit log calls this action, e.g. "task.complete".</summary>
    string AuditAction { get; }

    /// <summary>The id of what it acts on, for the audit log.</summary>
    string? AuditTarget { get; }

    /// <summary>What the audit row says beside the action when it succeeds (a change note, a reason).</summary>
    string AuditDetail => "";
}

/// <summary>A request that can check its own fields before any handler runs.</summary>
public interface IValidatable
{
    IEnumerable<ValidationProblem> Validate();
}
