using System.Text;
using Waypoint.Platform.Database;

namespace Waypoint.Modules.Intake.Feeds.ImportVictims;

/// <summary>Which feed fields an update altered, named as the feed names them (for the timeline note).</summary>
internal static class Changes
{
    private static readonly Dictionary<string, string> FeedNames = new(StringComparer.Ordinal)
    {
        ["OfficerInCaseName"] = "oic_name",
        ["OfficerInCaseEmail"] = "oic_email",
        ["OfficerInCasePhone"] = "oic_phone",
        ["OfficerInCaseId"] = "oic_id",
    };

    public static IReadOnlyList<string> Apply(AppDbContext db, object entity, Action update)
    {
        var entry = db.Entry(entity);
        var before = entry.CurrentValues.Clone();
        update();
        var after = entry.CurrentValues;
        return after.Properties
            .Where(p => p.Name != "Version" && !Equals(before[p], after[p]))
            .Select(p => FeedNames.GetValueOrDefault(p.Name) ?? SnakeCase(p.Name))
            .ToList();
    }

    private static string SnakeCase(string name)
    {
        var s = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                s.Append('_');
            }
            s.Append(char.ToLowerInvariant(name[i]));
        }
        return s.ToString();
    }
}
