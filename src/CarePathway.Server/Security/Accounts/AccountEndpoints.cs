using System.Security.Claims;
using CarePathway.Server.Hosting;
using static CarePathway.Server.Hosting.Problems;

namespace CarePathway.Server.Security.Accounts;

/// <summary><c>/api/accounts</c>: administrators manage the accounts (list, create, roles, services, disable, enable, password).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts")
            .RequireAuthorization(Policies.AdministratorOnly)
            .ProducesProblems(Unauthorized | Forbidden)
            .ProducesTooLargeForBodies();

        accounts.MapGet("/", (AccountManager m, CancellationToken ct) => m.ListAsync(ct))
            .WithSummary("Every account with its roles, state and last sign-in.");
        accounts.MapGet("/{id}", (AccountManager m, string id, CancellationToken ct) => m.GetAsync(id, ct))
            .ProducesProblems(NotFound)
            .WithSummary("One account.");
        accounts.MapPost("/", async (AccountManager m, ClaimsPrincipal me, CreateAccountRequest body, CancellationToken ct) =>
            {
                var created = await m.CreateAsync(body, Name(me), ct);
                return TypedResults.Created($"/api/accounts/{created.Id}", created);
            })
            .ProducesProblems(BadRequest | Conflict | Unprocessable)
            .WithSummary("Create an account (with a password, or for single sign-on only).");
        accounts.MapPut("/{id}/roles", (AccountManager m, ClaimsPrincipal me, string id, SetRolesRequest body, CancellationToken ct) =>
                m.SetRolesAsync(id, body, Id(me), Name(me), ct))
            .ProducesProblems(BadRequest | NotFound | Conflict)
            .WithSummary("Set the account's roles (ends its sessions when a role is taken away). Not your own administrator role, not the last administrator's.");
        accounts.MapPut("/{id}/services", (AccountManager m, ClaimsPrincipal me, string id, SetServicesRequest body, CancellationToken ct) =>
                m.SetServicesAsync(id, body, Name(me), ct))
            .ProducesProblems(BadRequest | NotFound | Unprocessable)
            .WithSummary("Set the services the user holds: they see and act on those services' patients.");
        accounts.MapPost("/{id}/disable", (AccountManager m, ClaimsPrincipal me, string id, CancellationToken ct) => m.DisableAsync(id, Id(me), Name(me), ct))
            .ProducesProblems(NotFound | Conflict)
            .WithSummary("Disable the account: no sign-in, and its sessions and tokens end on every node. Not yourself, not the last administrator.");
        accounts.MapPost("/{id}/enable", (AccountManager m, ClaimsPrincipal me, string id, CancellationToken ct) => m.EnableAsync(id, Name(me), ct))
            .ProducesProblems(NotFound)
            .WithSummary("Enable a disabled account.");
        accounts.MapPost("/{id}/password", (AccountManager m, ClaimsPrincipal me, string id, ResetPasswordRequest body, CancellationToken ct) =>
                m.ResetPasswordAsync(id, body, Name(me), ct))
            .ProducesProblems(BadRequest | NotFound | Unprocessable)
            .WithSummary("Set a new password (at least 12 characters); clears a lockout and ends the account's sessions.");
        return app;
    }

    private static string Name(ClaimsPrincipal principal) => principal.Identity?.Name ?? "unknown";

    private static string Id(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
}
