using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Common;

/// <summary>One page of a list, with the total so a client can page through it.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paged
{
    public const int MaxPageSize = 200;

    public static async Task<Paged<TOut>> CreateAsync<TIn, TOut>(IQueryable<TIn> query, int page, int pageSize, Func<TIn, TOut> map, CancellationToken ct)
    {
        if (page < 1) throw RequestValidationException.Field("page", "must be 1 or more");
        if (pageSize is < 1 or > MaxPageSize) throw RequestValidationException.Field("pageSize", $"must be between 1 and {MaxPageSize}");
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new Paged<TOut>([.. items.Select(map)], page, pageSize, total);
    }
}
