using System.Text.RegularExpressions;
using CarePathway.Engine.Runtime;
using CarePathway.Engine.Validation;
using CarePathway.Server.Features.Common;
using CarePathway.Server.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Services;

/// <summary>A clinical service: its code (what patients and staff carry) and the name people read.</summary>
/// <param name="Code">Lowercase letters, digits and hyphens, e.g. <c>bone-clinic</c>.</param>
/// <param name="DisplayName">e.g. "Bone clinic".</param>
public sealed record ServiceDto(string Code, string DisplayName);

/// <summary>Every service, by name.</summary>
public sealed record ListServices : IRequest<IReadOnlyList<ServiceDto>>;

/// <summary>A new service (administrators). Its code never changes once made; its name may.</summary>
public sealed record CreateService(string? Code, string? DisplayName) : ICommand<ServiceDto>, IValidatable
{
    public string AuditAction => "service.create";
    public string? AuditTarget => Code;

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(Code)) yield return new(null, "code", "is required");
        else if (!ServiceCodes.IsWellFormed(Code)) yield return new(null, "code", "must be lowercase letters, digits and hyphens, starting with a letter (at most 32)");
        if (string.IsNullOrWhiteSpace(DisplayName)) yield return new(null, "displayName", "is required");
    }
}

/// <summary>A service's new name (administrators).</summary>
public sealed record RenameService(string Code, string? DisplayName) : ICommand<ServiceDto>, IValidatable
{
    public string AuditAction => "service.rename";
    public string? AuditTarget => Code;

    public IEnumerable<ValidationProblem> Validate()
    {
        if (string.IsNullOrWhiteSpace(DisplayName)) yield return new(null, "displayName", "is required");
    }
}

internal static partial class ServiceCodes
{
    public static bool IsWellFormed(string code) => code.Length <= 32 && Pattern().IsMatch(code);

    /// <summary>
    /// The codes among <paramref name="codes"/> that no service has, for a 422 naming <paramref name="field"/>; the
    /// codes, distinct, when all are known.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckKnownAsync(CarePathwayDbContext db, IEnumerable<string?> codes, string field, CancellationToken ct)
    {
        // JSON can carry a null or an empty entry in a list of codes: refused, named by its place, never dropped.
        var given = codes.ToList();
        var blank = given.FindIndex(string.IsNullOrWhiteSpace);
        if (blank >= 0) throw RequestValidationException.Field($"{field}[{blank}]", "must be a service code");
        var wanted = given.Select(c => c!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Services.AsNoTracking().Where(s => wanted.Contains(s.Code)).Select(s => s.Code).ToListAsync(ct);
        var unknown = wanted.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw RequestValidationException.Field(field, $"no such service: {string.Join(", ", unknown)}", unprocessable: true);
        return [.. wanted.Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Pattern();
}

internal sealed class ServiceCatalogHandlers(CarePathwayDbContext db) :
    IRequestHandler<ListServices, IReadOnlyList<ServiceDto>>,
    IRequestHandler<CreateService, ServiceDto>,
    IRequestHandler<RenameService, ServiceDto>
{
    public async Task<IReadOnlyList<ServiceDto>> Handle(ListServices request, CancellationToken cancellationToken) =>
        await db.Services.AsNoTracking().OrderBy(s => s.DisplayName).ThenBy(s => s.Code).Select(s => new ServiceDto(s.Code, s.DisplayName)).ToListAsync(cancellationToken);

    public async Task<ServiceDto> Handle(CreateService request, CancellationToken cancellationToken)
    {
        var code = request.Code!;
        if (await db.Services.AnyAsync(s => s.Code == code, cancellationToken)) throw new ConflictException($"a service with code {code} already exists");
        var service = new Service { Code = code, DisplayName = request.DisplayName!.Trim() };
        db.Services.Add(service);
        await db.SaveChangesAsync(cancellationToken);
        return new ServiceDto(service.Code, service.DisplayName);
    }

    public async Task<ServiceDto> Handle(RenameService request, CancellationToken cancellationToken)
    {
        var service = await db.Services.SingleOrDefaultAsync(s => s.Code == request.Code, cancellationToken) ?? throw new NotFoundException($"service {request.Code}");
        service.DisplayName = request.DisplayName!.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return new ServiceDto(service.Code, service.DisplayName);
    }
}
