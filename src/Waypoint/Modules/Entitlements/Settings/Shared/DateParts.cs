using System.Globalization;

namespace Waypoint.Modules.Entitlements.Settings.Shared;

/// <summary>What a GOV.UK date input posts: day, month and year as typed.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public static DateParts Of(DateOnly? date) => new()
    {
        Day = date?.Day.ToString(CultureInfo.InvariantCulture),
        Month = date?.Month.ToString(CultureInfo.InvariantCulture),
        Year = date?.Year.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The date, or the GOV.UK error message for what is wrong with it ("Enter ...", "... must include a month", "... must be a real date").</summary>
    public (DateOnly? Date, string? Error) Read(string what)
    {
        var day = Day?.Trim();
        var month = Month?.Trim();
        var year = Year?.Trim();
        var missing = new List<string>(3);
        if (string.IsNullOrEmpty(day))
        {
            missing.Add("a day");
        }
        if (string.IsNullOrEmpty(month))
        {
            missing.Add("a month");
        }
        if (string.IsNullOrEmpty(year))
        {
            missing.Add("a year");
        }
        if (missing.Count == 3)
        {
            return (null, $"Enter {what}");
        }
        if (missing.Count > 0)
        {
            return (null, $"{Capitalised(what)} must include {string.Join(" and ", missing)}");
        }
        if (year!.Length != 4)
        {
            return (null, "Year must include 4 numbers");
        }
        if (int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && m is >= 1 and <= 12 && y >= 1 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return (new DateOnly(y, m, d), null);
        }
        return (null, $"{Capitalised(what)} must be a real date");
    }

    private static string Capitalised(string what) =>
        what.StartsWith("the ", StringComparison.Ordinal) ? "The " + what[4..] : char.ToUpperInvariant(what[0]) + what[1..];
}
