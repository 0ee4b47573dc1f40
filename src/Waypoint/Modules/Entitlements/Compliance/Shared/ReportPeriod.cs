using System.Globalization;
using System.Text.RegularExpressions;

namespace Waypoint.Modules.Entitlements.Compliance.Shared;

/// <summary>A calendar quarter, written 2026-Q3 (July to September 2026).</summary>
public readonly partial record struct Quarter(int Year, int Number)
{
    public DateOnly Start => new(Year, (Number - 1) * 3 + 1, 1);
    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public static Quarter Of(DateOnly date) => new(date.Year, (date.Month - 1) / 3 + 1);

    /// <summary>The last quarter that has ended before <paramref name="today"/>.</summary>
    public static Quarter LastComplete(DateOnly today) => Of(today).Previous();

    public Quarter Previous() => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }
        quarter = new Quarter(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value[0] - '0');
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-Q{Number}");

    /// <summary>"July to September 2026".</summary>
    public string Describe() => $"{Start.ToString("MMMM", CultureInfo.InvariantCulture)} to {End.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";

    /// <summary>The quarters a picker offers: the current one and the <paramref name="count"/> - 1 before it, newest first.</summary>
    public static IReadOnlyList<Quarter> Recent(DateOnly today, int count)
    {
        var list = new List<Quarter>(count);
        var q = Of(today);
        for (var i = 0; i < count; i++)
        {
            list.Add(q);
            q = q.Previous();
        }
        return list;
    }

    [GeneratedRegex("^(\\d{4})-[Qq]([1-4])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>Obligations are counted in a period by their due date (Europe/London dates, both ends included).</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public Quarter? AsQuarter
    {
        get
        {
            var q = Quarter.Of(From);
            return q.Start == From && q.End == To ? q : null;
        }
    }

    /// <summary>For file names: 2026-Q3, or 2026-07-01-to-2026-08-15.</summary>
    public string Slug => AsQuarter?.ToString() ?? string.Create(CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd}-to-{To:yyyy-MM-dd}");

    public string Describe() => AsQuarter is { } q
        ? $"{q.Describe()} ({q})"
        : $"{From.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} to {To.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";

    public static ReportPeriod Of(Quarter q) => new(q.Start, q.End);
}
