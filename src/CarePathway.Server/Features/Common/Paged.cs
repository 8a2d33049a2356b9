using Microsoft.EntityFrameworkCore;

namespace CarePathway.Server.Features.Common;

/// <summary>One page of a list, with the total so a client can page through it.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Paged
{
    public const int MaxPageSize = 200;

    public static Task<Paged<TOut>> CreateAsync<TIn, TOut>(IQueryable<TIn> query, int page, int pageSize, Func<TIn, TOut> map, CancellationToken ct) =>
        CreateAsync(query, query, page, pageSize, async (pageQuery, c) => (IReadOnlyList<TOut>)[.. (await pageQuery.ToListAsync(c)).Select(map)], ct);

    /// <summary>
    /// A page counted on <paramref name="counted"/> (the filter alone, as narrow as it can be) and read by
    /// <paramref name="read"/> from <paramref name="ordered"/> with the page's Skip/Take applied: a list whose rows are
    /// wide or joined can then sort and skip narrow rows and fetch only the page's (a deferred join).
    /// </summary>
    public static async Task<Paged<TOut>> CreateAsync<TCounted, TIn, TOut>(IQueryable<TCounted> counted, IQueryable<TIn> ordered, int page, int pageSize,
        Func<IQueryable<TIn>, CancellationToken, Task<IReadOnlyList<TOut>>> read, CancellationToken ct)
    {
        if (pageSize is < 1 or > MaxPageSize) throw RequestValidationException.Field("pageSize", $"must be between 1 and {MaxPageSize}");
        // The rows skipped must fit the database's offset (PostgreSQL refuses a negative one, which int overflow would give).
        var maxPage = int.MaxValue / pageSize;
        if (page < 1 || page > maxPage) throw RequestValidationException.Field("page", $"must be between 1 and {maxPage} at this page size");
        var total = await counted.CountAsync(ct);
        var items = await read(ordered.Skip((page - 1) * pageSize).Take(pageSize), ct);
        return new Paged<TOut>(items, page, pageSize, total);
    }
}
