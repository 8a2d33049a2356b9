using System.Security.Claims;
using System.Text.Json;

namespace CarePathway.Server.Security.Sso;

/// <summary>The product roles a provider's claims give (<see cref="SsoOptions.RolesClaim"/>, <see cref="SsoOptions.RoleMap"/>).</summary>
public static class ProviderRoles
{
    /// <summary>Null when roles do not come from the provider; otherwise the product's roles (others ignored), sorted.</summary>
    public static IReadOnlyList<string>? From(ClaimsPrincipal principal, SsoOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.RolesClaim)) return null;
        var path = options.RolesClaim.Split('.');
        var values = principal.FindAll(path[0]).SelectMany(claim => Values(claim.Value, path[1..]));
        return [.. values
            .Select(v => options.RoleMap.Count == 0 ? v : options.RoleMap.GetValueOrDefault(v))
            .OfType<string>()
            .Where(r => Roles.All.Contains(r, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>A claim's value: plain text, or JSON (an array, or an object walked down <paramref name="path"/>).</summary>
    private static IEnumerable<string> Values(string value, string[] path)
    {
        var trimmed = value.TrimStart();
        if (path.Length == 0 && !trimmed.StartsWith('[')) return [value];
        try
        {
            using var document = JsonDocument.Parse(value);
            var node = document.RootElement;
            foreach (var segment in path)
            {
                if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(segment, out node)) return [];
            }

            return node.ValueKind switch
            {
                JsonValueKind.Array => [.. node.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)],
                JsonValueKind.String => [node.GetString()!],
                _ => [],
            };
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
