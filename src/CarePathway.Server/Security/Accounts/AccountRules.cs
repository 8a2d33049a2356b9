using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using Microsoft.AspNetCore.Identity;

namespace CarePathway.Server.Security.Accounts;

/// <summary>Identity's refusals as the API's problem details, each naming its field.</summary>
internal static class AccountRules
{
    public static IReadOnlyList<string> CheckRoles(IReadOnlyList<string>? roles)
    {
        if (roles is null) throw RequestValidationException.Field("roles", "is required (an empty list for none)");
        var unknown = roles.Where(r => !Roles.All.Contains(r, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw RequestValidationException.Field("roles", $"unknown role {string.Join(", ", unknown.Select(r => $"'{r}'"))}; roles are {string.Join(", ", Roles.All)}");
        }

        return [.. roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Throws for a failed Identity result: a taken user name is 409, a weak password 422 on <c>password</c>, a bad name 400.</summary>
    public static void Check(IdentityResult result)
    {
        if (result.Succeeded) return;
        var errors = result.Errors.ToList();
        if (errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            throw new ConflictException("Another account has this user name.");
        }

        if (errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal)))
        {
            throw new RequestValidationException([.. errors.Select(e => new ValidationProblem(null, "password", e.Description))], unprocessable: true);
        }

        throw new RequestValidationException([.. errors.Select(e => new ValidationProblem(null, FieldOf(e.Code), e.Description))]);
    }

    private static string FieldOf(string code) =>
        code.Contains("Email", StringComparison.Ordinal) ? "email"
        : code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code.Contains("Role", StringComparison.Ordinal) ? "roles"
        : "userName";
}
