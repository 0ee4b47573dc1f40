using System.Globalization;
using System.Text.RegularExpressions;

namespace Waypoint.Modules.Intake.Feeds.Validation;

/// <summary>
/// The value rules shared by every feed: ISO 8601 dates and date-times (no offset = Europe/London local time),
/// yes/no booleans, ';'-separated lists.
/// </summary>
internal static partial class FeedValues
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>An instant in UTC from an ISO 8601 date or date-time; null when it is not one (or names a London time that never happened).</summary>
    public static DateTime? ParseInstant(string value)
    {
        var m = IsoDateTime().Match(value);
        if (!m.Success)
        {
            return null;
        }
        if (m.Groups[1].Success)
        {
            var normalised = value.Length > 5 && value[^5] is '+' or '-' && char.IsDigit(value[^1]) ? value[..^2] + ":" + value[^2..] : value;
            return DateTimeOffset.TryParseExact(normalised, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var dto)
                ? dto.UtcDateTime
                : null;
        }
        if (!DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return London.IsInvalidTime(local) ? null : TimeZoneInfo.ConvertTimeToUtc(local, London);
    }

    /// <summary>A calendar date from an ISO 8601 date, or the London date of a date-time.</summary>
    public static DateOnly? ParseDate(string value)
    {
        if (value.Length == 10)
        {
            return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
        }
        return ParseInstant(value) is { } utc ? LondonDate(utc) : null;
    }

    public static DateOnly LondonDate(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), London));

    public static bool? ParseBoolean(string value) => value.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" => true,
        "no" or "n" or "false" or "0" => false,
        _ => null,
    };

    public static IReadOnlyList<string> SplitList(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsLanguageTag(string value) => value.Length <= 35 && LanguageTag().IsMatch(value);
}
