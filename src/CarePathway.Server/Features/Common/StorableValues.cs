using System.Text.Json;
using CarePathway.Engine.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CarePathway.Server.Features.Common;

/// <summary>
/// Refuses, before the database sees it, a value the schema cannot hold: a string longer than its
/// column, a decimal beyond its precision or with more places than its scale. PostgreSQL would fail
/// the statement (a 500) or round the value silently; SQLite would store it, so the limits would
/// differ by database. The limits are the model's own (<c>HasMaxLength</c>, <c>HasPrecision</c>),
/// and the field is named as the API names the property (<c>givenName</c>, <c>code</c>, <c>value</c>).
/// </summary>
internal sealed class StorableValues : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null) return;
        var problems = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .SelectMany(e => e.Properties)
            .Where(p => p.EntityEntry.State == EntityState.Added || p.IsModified)
            .Select(p => Problem(JsonNamingPolicy.CamelCase.ConvertName(p.Metadata.Name), p.Metadata, p.CurrentValue))
            .OfType<ValidationProblem>()
            .Distinct()
            .ToList();
        if (problems.Count > 0) throw new RequestValidationException(problems);
    }

    private static ValidationProblem? Problem(string field, Microsoft.EntityFrameworkCore.Metadata.IProperty property, object? value)
    {
        switch (value)
        {
            case string text when property.GetMaxLength() is { } max && text.Length > max:
                return new(null, field, $"must be at most {max} characters");
            case decimal number when property.GetPrecision() is { } precision:
                var scale = property.GetScale() ?? 0;
                var limit = Pow10(precision - scale);
                if (Math.Abs(number) >= limit) return new(null, field, $"must be less than {limit:0} in size");
                if (number.Scale > scale && decimal.Round(number, scale) != number) return new(null, field, $"must have at most {scale} decimal places");
                return null;
            default:
                return null;
        }
    }

    private static decimal Pow10(int exponent)
    {
        var power = 1m;
        for (var i = 0; i < exponent; i++) power *= 10;
        return power;
    }
}
