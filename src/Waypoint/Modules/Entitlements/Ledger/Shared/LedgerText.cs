using System.Globalization;
using Waypoint.Modules.Entitlements.Domain;
using Waypoint.Platform.Calendar;
using Waypoint.Platform.Ui;

namespace Waypoint.Modules.Entitlements.Ledger.Shared;

/// <summary>The ledger's wording: status tags, clocks and dates, the same on every ledger page.</summary>
public static class LedgerText
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string TagClass(ObligationState state) => state switch
    {
        ObligationState.Overdue => "govuk-tag--red",
        ObligationState.Met => "govuk-tag--green",
        ObligationState.Late => "govuk-tag--orange",
        ObligationState.NotApplicable => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    };

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);

    /// <summary>A weekday and date, as a due date reads best: "Tuesday 10 March 2026".</summary>
    public static string DueDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", EnGb);

    public static string Days(int days, string unit) => days == 1 ? $"1 {unit}" : $"{days} {unit}s";

    /// <summary>How the due date was worked out: "5 working days, standard rights" or "every 28 days".</summary>
    public static string Clock(CodeRule? rule, int days, bool enhanced) => rule?.Clock == ClockKind.CalendarDays
        ? $"every {Days(days, "day")} (the agreed update plan)"
        : $"{Days(days, "working day")} after the trigger, {(enhanced ? "enhanced" : "standard")} rights";

    public static string Kinds(IEnumerable<ActionKind> kinds)
    {
        var names = kinds.Select(k => CodeRules.ActionName(k).ToLowerInvariant()).ToList();
        return names.Count switch
        {
            0 => "",
            1 => names[0],
            _ => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
        };
    }

    /// <summary>"a letter", "an email".</summary>
    public static string A(ActionKind kind)
    {
        var name = CodeRules.ActionName(kind).ToLowerInvariant();
        return ("aeiou".Contains(name[0], StringComparison.Ordinal) ? "an " : "a ") + name;
    }

    /// <summary>When something is due relative to today: "due today", "3 days overdue".</summary>
    public static string Relative(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "due today",
            1 => "due tomorrow",
            > 1 => $"due in {days} days",
            -1 => "1 day overdue",
            _ => $"{-days} days overdue",
        };
    }

    public static string When(DateTime utc) => FormState.Display(utc);

    /// <summary>A date and time, or just the date when it is the start of a UK day (a report date without a time).</summary>
    public static string WhenOrDay(DateTime utc) => UkTime.ToLocal(utc).TimeOfDay == TimeSpan.Zero ? Date(UkTime.Today(utc)) : When(utc);

    public static DateOnly LondonDate(DateTime utc) => UkTime.Today(utc);

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The UTC instant of a UK wall-clock date and time (a time skipped by the spring change counts as the hour after).</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (London.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, London);
    }

    private static readonly string[] TimeFormats = ["H:mm", "HH:mm", "H.mm", "HH.mm", "h:mmtt", "h.mmtt", "htt", "hh:mmtt", "H"];

    /// <summary>Reads a time typed as 14:30, 2:30pm or 2pm; null when it is not one.</summary>
    public static TimeOnly? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var cleaned = text.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return TimeOnly.TryParseExact(cleaned, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;
    }
}
