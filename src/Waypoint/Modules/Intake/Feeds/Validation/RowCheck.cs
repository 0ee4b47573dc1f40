using Waypoint.Modules.Cases.Domain;
using Waypoint.Modules.Intake.Feeds.Parsing;
using Waypoint.Platform.Http;

namespace Waypoint.Modules.Intake.Feeds.Validation;

/// <summary>Reads the fields of one row, collecting every reason it fails: each names the field and the value.</summary>
internal sealed class RowCheck(FeedRow row)
{
    private readonly List<string> _reasons = row.ShapeProblem is null ? [] : [row.ShapeProblem];

    public IReadOnlyList<string> Reasons => _reasons;
    public bool Failed => _reasons.Count > 0;

    public void Fail(string reason) => _reasons.Add(reason);

    public string? Text(string field, int max, bool required = false)
    {
        var value = row[field];
        if (value is null)
        {
            if (required)
            {
                Fail($"{field} is required");
            }
            return null;
        }
        if (value.Length > max)
        {
            Fail($"{field} is longer than {max} characters");
        }
        return value;
    }

    public DateOnly? Date(string field, bool required = false)
    {
        var value = Text(field, 40, required);
        if (value is null)
        {
            return null;
        }
        var date = FeedValues.ParseDate(value);
        if (date is null)
        {
            Fail($"{field} {value} is not a valid date");
        }
        return date;
    }

    public DateTime? Instant(string field, bool required = false)
    {
        var value = Text(field, 40, required);
        if (value is null)
        {
            return null;
        }
        var instant = FeedValues.ParseInstant(value);
        if (instant is null)
        {
            Fail($"{field} {value} is not a valid date or date-time (ISO 8601, like 2026-03-14 or 2026-03-14T09:30)");
        }
        return instant;
    }

    public bool? Boolean(string field)
    {
        var value = row[field];
        if (value is null)
        {
            return null;
        }
        var parsed = FeedValues.ParseBoolean(value);
        if (parsed is null)
        {
            Fail($"{field} '{value}' is not a yes or no value (yes/no, y/n, true/false or 1/0)");
        }
        return parsed;
    }

    /// <summary>A list of codes: null when the column is absent (keep what we have), else the codes, each checked.</summary>
    public IReadOnlyList<string>? Codes(string field, IReadOnlySet<string> allowed)
    {
        if (!row.Has(field))
        {
            return null;
        }
        var value = row[field];
        if (value is null)
        {
            return [];
        }
        var codes = FeedValues.SplitList(value).Select(c => c.ToLowerInvariant()).ToList();
        foreach (var bad in codes.Where(c => !allowed.Contains(c)).Distinct())
        {
            Fail($"{field} '{bad}' is not one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
        }
        return codes;
    }

    /// <summary>One value of a closed list of codes.</summary>
    public T? Choice<T>(string field, IReadOnlyDictionary<string, T> choices, bool required = false) where T : struct
    {
        var value = Text(field, 100, required);
        if (value is null)
        {
            return null;
        }
        if (choices.TryGetValue(value.ToLowerInvariant(), out var choice))
        {
            return choice;
        }
        Fail($"{field} '{value}' is not one of {string.Join(", ", choices.Keys)}");
        return null;
    }

    public string? Email(string field, int max = 254)
    {
        var value = Text(field, max);
        if (value is not null && !ValidationErrors.IsEmail(value))
        {
            Fail($"{field} '{value}' is not a valid email address");
        }
        return value;
    }

    public string? Postcode(string field)
    {
        var value = Text(field, 10);
        if (value is not null && !Postcodes.IsValid(value))
        {
            Fail($"{field} '{value}' is not a valid UK postcode");
        }
        return value;
    }

    public string? Language(string field)
    {
        var value = Text(field, 35);
        if (value is not null && !FeedValues.IsLanguageTag(value))
        {
            Fail($"{field} '{value}' is not an IETF language tag (like en, cy, pl or pa)");
        }
        return value;
    }
}
