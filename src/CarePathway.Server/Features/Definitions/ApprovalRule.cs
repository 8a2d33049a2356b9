using CarePathway.Engine.Definitions;
using CarePathway.Engine.Execution;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security;

namespace CarePathway.Server.Features.Definitions;

/// <summary>
/// Who may approve a version awaiting approval, and why not: one rule read by the approve command (which refuses), by
/// the review and by the approval queue (which say so beforehand, so no screen has to guess).
/// </summary>
internal static class ApprovalRule
{
    /// <summary>Why the caller may not approve this version, or null when they may.</summary>
    public static string? WhyNot(DefinitionVersion row, ICurrentUser user) =>
        !user.IsInRole(Roles.Clinician) && !user.IsInRole(Roles.Administrator) ? "only a clinician or an administrator approves a pathway version"
        : NotAwaiting(row) ?? WhyNotTheAuthor(row, user.Name);

    /// <summary>Why the version cannot be approved by anyone now (it is not awaiting approval), or null.</summary>
    public static string? NotAwaiting(DefinitionVersion row) => row.Status == DefinitionStatus.AwaitingApproval ? null
        : $"{row.DefinitionId} version {row.Version} is {row.Status.WireName()}; only a version awaiting approval can be approved";

    /// <summary>Why this person may not approve it because they wrote it (drafted or submitted it), or null.</summary>
    public static string? WhyNotTheAuthor(DefinitionVersion row, string userName) =>
        userName != row.SubmittedBy && userName != row.CreatedBy ? null
        : $"{userName} wrote this version (drafted by {row.CreatedBy}, submitted by {row.SubmittedBy}); " +
          "a change to a clinical parameter is approved by a second person: a clinician or another administrator";
}
