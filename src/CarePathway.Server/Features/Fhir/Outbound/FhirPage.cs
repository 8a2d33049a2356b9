using System.Globalization;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace CarePathway.Server.Features.Fhir.Outbound;

/// <summary>
/// Which page of a search to answer: <c>_count</c> resources at most (default <see cref="DefaultCount"/>, at most
/// <see cref="MaxCount"/>; 0 answers only the total) after the position <c>_cursor</c> names. A search's matches are
/// sorted by last update, then id, and the cursor is the last one a page gave (opaque to clients, who follow the
/// bundle's <c>next</c> link). A position rather than an offset so that a resource updated while a client pages moves
/// to the end and is met again, rather than shifting the others so that one is skipped.
/// </summary>
internal sealed record FhirPage(int Count, FhirPage.Position? After)
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;
    public const string CountParameter = "_count";
    public const string CursorParameter = "_cursor";

    public static readonly IReadOnlyList<string> Parameters = [CountParameter, CursorParameter];

    /// <summary>Where a resource sits in a search's order.</summary>
    public sealed record Position(DateTimeOffset LastUpdated, string Id)
    {
        public bool Precedes(DateTimeOffset lastUpdated, string id) =>
            LastUpdated < lastUpdated || (LastUpdated == lastUpdated && string.CompareOrdinal(Id, id) < 0);
    }

    public static FhirPage Read(IQueryCollection query)
    {
        var count = DefaultCount;
        if (query[CountParameter].FirstOrDefault() is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count > MaxCount))
            throw FhirSearch.Bad(CountParameter, $"'{text}' is not a page size from 0 to {MaxCount}");
        return new FhirPage(count, query[CursorParameter].FirstOrDefault() is { } cursor ? Decode(cursor) : null);
    }

    /// <summary>The link to the page after the one that ended at <paramref name="last"/>: the same search, this cursor.</summary>
    public static string NextLink(HttpRequest request, Position last)
    {
        var query = request.Query.Where(p => p.Key != CursorParameter).ToDictionary(p => p.Key, p => p.Value);
        query[CursorParameter] = Encode(last);
        return QueryHelpers.AddQueryString(Base(request), query);
    }

    public static string SelfLink(HttpRequest request) => QueryHelpers.AddQueryString(Base(request), request.Query.ToDictionary(p => p.Key, p => p.Value));

    private static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";

    private static string Encode(Position position) =>
        Base64UrlTextEncoder.Encode(Encoding.UTF8.GetBytes($"{position.LastUpdated.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{position.Id}"));

    private static Position Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64UrlTextEncoder.Decode(cursor));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && long.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks && bar < text.Length - 1)
                return new Position(new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
        }
        catch (FormatException)
        {
            // Not base64url: refused below as any other cursor this server did not write.
        }

        throw FhirSearch.Bad(CursorParameter, "not a cursor this server gave; follow the bundle's next link");
    }
}
