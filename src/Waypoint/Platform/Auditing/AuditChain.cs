using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Waypoint.Platform.Auditing;

/// <summary>The hash that links each entry to the one before it.</summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEntry e)
    {
        var fields = new string?[]
        {
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.Id.ToString("N"),
            e.OccurredAt.Ticks.ToString(CultureInfo.InvariantCulture),
            e.Operation.ToString(),
            e.UserId?.ToString("N"),
            e.UserName,
            e.OrganisationId?.ToString("N"),
            e.RecordType,
            e.RecordId,
            e.PersonId?.ToString("N"),
            e.Field,
            e.OldValue,
            e.NewValue,
            e.Recipient,
            e.Detail,
            e.Channel,
            e.CorrelationId,
            e.PreviousHash,
        };
        // Length-prefixed so that no two different entries can serialise to the same text.
        var sb = new StringBuilder();
        foreach (var f in fields)
        {
            sb.Append(f is null ? "-1" : f.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(f).Append('|');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
