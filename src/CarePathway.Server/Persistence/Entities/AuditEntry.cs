using System.Text;
using CarePathway.Server.Persistence.Configurations;

namespace CarePathway.Server.Persistence;

public class AuditEntry
{
    /// <summary>Longest detail kept: enough for the error's message, not for a whole document echoed in it.</summary>
    public const int DetailMaxLength = 2000;

    /// <summary>Database-generated.</summary>
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string UserName { get; set; } = "";
    public string Action { get; set; } = "";
    public string? TargetId { get; set; }
    public bool Succeeded { get; set; }
    public string Detail { get; set; } = "";

    /// <summary>
    /// An entry that can always be stored, whatever the attempt it records sent: the user name, target and
    /// detail are echoes of the request (a 300-character MRN, a NUL), and an audit row that fails to save
    /// would hide the attempt's own error and leave the attempt unaudited.
    /// </summary>
    public static AuditEntry Of(DateTimeOffset at, string userName, string action, string? targetId, bool succeeded, string detail) => new()
    {
        At = at,
        UserName = Fit(userName, ColumnLengths.UserName),
        Action = action,
        TargetId = targetId is null ? null : Fit(targetId, ColumnLengths.Name),
        Succeeded = succeeded,
        Detail = Fit(detail, DetailMaxLength),
    };

    /// <summary>At most <paramref name="maxLength"/> characters of valid text without NUL (a cut never splits a surrogate pair).</summary>
    private static string Fit(string text, int maxLength)
    {
        var fitted = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var rune in text.EnumerateRunes())
        {
            var kept = rune.Value == 0 ? Rune.ReplacementChar : rune;
            if (fitted.Length + kept.Utf16SequenceLength > maxLength) break;
            fitted.Append(kept.ToString());
        }

        return fitted.ToString();
    }
}
