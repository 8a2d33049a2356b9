using System.Security.Claims;
using CarePathway.Server.Persistence;
using CarePathway.Server.Security.MachineClients;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Security.PatientAccess;

/// <summary>What a patient-care route's <c>{id}</c> names, so the gate can find whose record it is.</summary>
public enum PatientRoute
{
    /// <summary>No single patient in the route (lists, FHIR).</summary>
    None,

    /// <summary><c>/api/patients/{id}</c>.</summary>
    Patient,

    /// <summary><c>/api/tasks/{id}</c>: the task's patient.</summary>
    Task,

    /// <summary><c>/api/instances/{id}</c>: the instance's patient.</summary>
    Instance,
}

/// <summary>A request body about one patient (starting a pathway): the gate checks that patient too.</summary>
public interface IAboutPatient
{
    Guid? PatientId { get; }
}

/// <summary>
/// The one place that decides who sees which patient (issue 12 item 6). On the patient-care routes it restricts the
/// request's <see cref="PatientScope"/> for clinical staff to the services they hold (read afresh on every request)
/// and their live break-the-glass grants; every list and search is then narrowed by the context's query filters. A
/// route or body naming one patient outside that scope is refused with <see cref="BreakTheGlassRequiredException"/>
/// (403), audited. Machine clients act for the hospital's systems and are bounded by their scopes, not by services;
/// a person holding no clinical role reaches these routes only to retry an incident, which is operations' work on
/// every service's pathways.
/// </summary>
public sealed class PatientAccessGate(CarePathwayDbContext db, PatientScope scope, AccessAudit audit, TimeProvider clock)
{
    public const string Refused = "patient.access-refused";

    public async Task EnterAsync(HttpContext http, PatientRoute route, IEnumerable<object?> arguments)
    {
        var user = http.User;
        if (!IsClinicalPerson(user)) return;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var userName = user.Identity?.Name ?? "";
        var now = clock.GetUtcNow();
        var services = await db.UserServices.AsNoTracking().Where(s => s.UserId == userId).Select(s => s.ServiceCode).ToListAsync(http.RequestAborted);
        var grants = await db.AccessGrants.AsNoTracking().Where(g => g.UserName == userName && g.ExpiresAt > now).Select(g => g.PatientId).ToListAsync(http.RequestAborted);
        scope.Restrict(services, grants);

        var patientIds = arguments.OfType<IAboutPatient>().Select(a => a.PatientId).ToList();
        if (http.GetRouteValue("id") is string id && Guid.TryParse(id, out var routeId)) patientIds.Add(await PatientOfAsync(route, routeId, http.RequestAborted));
        foreach (var patientId in patientIds.OfType<Guid>())
        {
            var service = await db.Patients.IgnoreQueryFilters().AsNoTracking().Where(p => p.Id == patientId).Select(p => p.ServiceCode).SingleOrDefaultAsync(http.RequestAborted);
            // A patient that does not exist is the handler's 404.
            if (service is null || scope.Allows(service, patientId)) continue;
            await audit.WriteAsync(userName, Refused, patientId.ToString(), false, $"{http.Request.Method} {http.Request.Path}: outside the user's services (the patient's: {service})", http.RequestAborted);
            throw new BreakTheGlassRequiredException(patientId);
        }
    }

    /// <summary>Clinical staff: a person (not a machine client) holding the clinician or coordinator role, administrator or not.</summary>
    public static bool IsClinicalPerson(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && !MachineClientSetup.IsMachineClient(user) && (user.IsInRole(Roles.Clinician) || user.IsInRole(Roles.Coordinator));

    private async Task<Guid?> PatientOfAsync(PatientRoute route, Guid id, CancellationToken ct) => route switch
    {
        PatientRoute.Patient => id,
        PatientRoute.Task => await db.HumanTasks.IgnoreQueryFilters().Where(t => t.Id == id).Select(t => (Guid?)t.PatientId).SingleOrDefaultAsync(ct),
        PatientRoute.Instance => await db.WorkflowInstances.IgnoreQueryFilters().Where(i => i.Id == id).Select(i => (Guid?)i.PatientId).SingleOrDefaultAsync(ct),
        _ => null,
    };
}

public static class PatientAccessGateExtensions
{
    /// <summary>Puts the route group's endpoints behind the <see cref="PatientAccessGate"/>; <paramref name="route"/> says what their <c>{id}</c> names.</summary>
    public static TBuilder ScopedToPatientServices<TBuilder>(this TBuilder builder, PatientRoute route)
        where TBuilder : IEndpointConventionBuilder => builder.AddEndpointFilter(async (context, next) =>
        {
            await context.HttpContext.RequestServices.GetRequiredService<PatientAccessGate>().EnterAsync(context.HttpContext, route, context.Arguments);
            return await next(context);
        });
}
