using System.Globalization;
using Waypoint.Platform.Calendar;

namespace Waypoint.Modules.Intake.Cohort;

/// <summary>
/// The span of London calendar days a cohort covers, and the UTC instants that bound it: from the first day's
/// midnight (London) to the midnight after the last day, exclusive.
/// </summary>
public sealed record CohortPeriod(DateOnly From, DateOnly To, DateTime FromUtc, DateTime ToUtcExclusive)
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>
    /// The daily cohort: everything recorded since the start of the last working day before today, up to now.
    /// On a Monday that is Friday, Saturday, Sunday and Monday so far; after a bank holiday it reaches back past it.
    /// </summary>
    public static CohortPeriod Default(DateOnly today, WorkingDayCalendar calendar) => Of(calendar.PreviousWorkingDay(today), today);

    /// <summary>The period asked for; a missing end defaults to the daily cohort's. Null when the dates are the wrong way round.</summary>
    public static CohortPeriod? Resolve(DateOnly today, WorkingDayCalendar calendar, DateOnly? from, DateOnly? to)
    {
        var start = from ?? calendar.PreviousWorkingDay(today);
        var end = to ?? (from is null || from <= today ? today : from.Value);
        return start > end ? null : Of(start, end);
    }

    public static CohortPeriod Of(DateOnly from, DateOnly to) => new(from, to, LondonMidnightUtc(from), LondonMidnightUtc(to.AddDays(1)));

    /// <summary>UTC instant of 00:00 London time on <paramref name="date"/> (UK clocks change at 01:00 or 02:00, so midnight always exists).</summary>
    public static DateTime LondonMidnightUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Unspecified), London);

    public string Describe()
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        return From == To
            ? From.ToString("dddd d MMMM yyyy", culture)
            : $"{From.ToString("dddd d MMMM yyyy", culture)} to {To.ToString("dddd d MMMM yyyy", culture)}";
    }

    /// <summary>How long ago something was recorded, as people say it: "just now", "3 hours ago", "2 days ago".</summary>
    public static string Age(DateTime createdUtc, DateTime nowUtc)
    {
        var age = nowUtc - createdUtc;
        if (age < TimeSpan.FromMinutes(1))
        {
            return "just now";
        }
        if (age < TimeSpan.FromHours(1))
        {
            var m = (int)age.TotalMinutes;
            return m == 1 ? "1 minute ago" : $"{m} minutes ago";
        }
        if (age < TimeSpan.FromDays(1))
        {
            var h = (int)age.TotalHours;
            return h == 1 ? "1 hour ago" : $"{h} hours ago";
        }
        var d = (int)age.TotalDays;
        return d == 1 ? "1 day ago" : $"{d} days ago";
    }
}
