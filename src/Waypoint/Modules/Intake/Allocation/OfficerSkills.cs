namespace Waypoint.Modules.Intake.Allocation;

/// <summary>
/// An officer's skills as stored in <c>AppUser.Skills</c>: a ';'-separated list of codes, case-insensitive, e.g.
/// <c>lang:pl;lang:cy;domestic_abuse_trained;sexual_violence_trained</c>. <c>lang:xx</c> is a spoken language by its
/// ISO 639-1 code (the same code as a person's preferred language); the others are training automatic allocation
/// matches to offence flags. Unknown codes are kept and ignored.
/// </summary>
public static class OfficerSkills
{
    public const string DomesticAbuseTrained = "domestic_abuse_trained";
    public const string SexualViolenceTrained = "sexual_violence_trained";

    public static IReadOnlySet<string> Parse(string? skills) =>
        (skills ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The skill code for speaking a language, or null for English (everyone speaks it) and for no language.</summary>
    public static string? ForLanguage(string? preferredLanguage)
    {
        var code = preferredLanguage?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(code) || code is "en" or "eng" or "english" || code.StartsWith("en-", StringComparison.Ordinal) ? null : "lang:" + code;
    }

    /// <summary>The skills a case calls for: its victim's language, and training for domestic abuse or sexual offences.</summary>
    public static IReadOnlyList<string> NeededFor(string? preferredLanguage, IEnumerable<string> offenceFlags)
    {
        var needed = new List<string>();
        if (ForLanguage(preferredLanguage) is { } language)
        {
            needed.Add(language);
        }
        var flags = offenceFlags.ToHashSet(StringComparer.Ordinal);
        if (flags.Contains("domestic_abuse"))
        {
            needed.Add(DomesticAbuseTrained);
        }
        if (flags.Contains("sexual_offence"))
        {
            needed.Add(SexualViolenceTrained);
        }
        return needed;
    }

    public static string Describe(string skill) => skill switch
    {
        DomesticAbuseTrained => "domestic abuse training",
        SexualViolenceTrained => "sexual violence training",
        _ when skill.StartsWith("lang:", StringComparison.Ordinal) => $"language '{skill[5..]}'",
        _ => skill,
    };
}
