using System.Security.Claims;
using CarePathway.Engine.Runtime;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CarePathway.Server.Security.PatientAccess;

/// <summary>A break-the-glass grant as the API shows it.</summary>
/// <param name="Id">The grant's id.</param>
/// <param name="PatientId">The patient opened.</param>
/// <param name="PatientName">"Family, Given", for the administrators' list.</param>
/// <param name="Service">The patient's service when the glass was broken (its administrators see the grant).</param>
/// <param name="UserName">Who broke the glass.</param>
/// <param name="Reason">Why, as they wrote it.</param>
/// <param name="GrantedAt">When.</param>
/// <param name="ExpiresAt">Until when the patient is open to them.</param>
/// <param name="Live">Not yet expired.</param>
public sealed record AccessGrantDto(Guid Id, Guid PatientId, string PatientName, string Service, string UserName, string Reason,
    DateTimeOffset GrantedAt, DateTimeOffset ExpiresAt, bool Live);

/// <param name="Reason">Why you need the record (required): shown to the administrators of the patient's service.</param>
public sealed record BreakTheGlassRequest(string? Reason);

/// <summary>
/// Break the glass (issue 12 item 6): clinical staff open a patient outside their services with a reason, for
/// <see cref="AccessOptions.BreakGlassDuration"/>. The grant and its audit row (who, patient, reason, until) are one
/// commit; the administrators holding the patient's service list the grants.
/// </summary>
public sealed class AccessGrants(CarePathwayDbContext db, SqliteWriter writer, TimeProvider clock, IOptions<AccessOptions> options)
{
    public const string AuditAction = "patient.break-glass";

    public Task<AccessGrantDto> BreakTheGlassAsync(Guid patientId, BreakTheGlassRequest request, string userName, CancellationToken ct) =>
        writer.WriteAsync(async () =>
        {
            var reason = request.Reason?.Trim();
            if (string.IsNullOrEmpty(reason)) throw RequestValidationException.Field("reason", "is required: say why you need this patient's record", unprocessable: true);
            var patient = await db.Patients.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct)
                ?? throw new NotFoundException($"patient {patientId}");
            var now = clock.GetUtcNow();
            var grant = new AccessGrant
            {
                Id = Guid.CreateVersion7(now), PatientId = patientId, ServiceCode = patient.ServiceCode, UserName = userName, Reason = reason,
                GrantedAt = now, ExpiresAt = now + options.Value.BreakGlassDuration,
            };
            db.AccessGrants.Add(grant);
            db.AuditEntries.Add(AuditEntry.Of(now, userName, AuditAction, patientId.ToString(), true,
                $"service {patient.ServiceCode}, until {grant.ExpiresAt:yyyy-MM-dd HH:mm:ss}Z: {reason}"));
            await db.SaveChangesAsync(ct);
            return Dto(grant, Patient.DisplayName(patient.FamilyName, patient.GivenName), now);
        }, ct);

    /// <summary>The grants on patients of the services <paramref name="administrator"/> holds, newest first; <paramref name="live"/> keeps the unexpired ones.</summary>
    public async Task<IReadOnlyList<AccessGrantDto>> ListForAdministratorAsync(ClaimsPrincipal administrator, bool live, Guid? patientId, CancellationToken ct)
    {
        var userId = administrator.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var now = clock.GetUtcNow();
        var services = db.UserServices.Where(s => s.UserId == userId).Select(s => s.ServiceCode);
        var query = db.AccessGrants.AsNoTracking().Where(g => services.Contains(g.ServiceCode));
        if (live) query = query.Where(g => g.ExpiresAt > now);
        if (patientId is { } id) query = query.Where(g => g.PatientId == id);
        var rows = await query.OrderByDescending(g => g.GrantedAt).ThenBy(g => g.Id).Take(500)
            .Join(db.Patients.IgnoreQueryFilters(), g => g.PatientId, p => p.Id, (g, p) => new { Grant = g, p.FamilyName, p.GivenName })
            .ToListAsync(ct);
        return [.. rows.Select(r => Dto(r.Grant, Patient.DisplayName(r.FamilyName, r.GivenName), now))];
    }

    private static AccessGrantDto Dto(AccessGrant g, string patientName, DateTimeOffset now) =>
        new(g.Id, g.PatientId, patientName, g.ServiceCode, g.UserName, g.Reason, g.GrantedAt, g.ExpiresAt, g.ExpiresAt > now);
}
