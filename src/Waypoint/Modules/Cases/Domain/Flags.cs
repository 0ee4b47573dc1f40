namespace Waypoint.Modules.Cases.Domain;

/// <summary>
/// The flag lists of the police feed (offence, vulnerability, contact restriction) and their stored form:
/// lower-case codes, distinct, sorted, joined by ';' so that equal sets store equally and compare cheaply.
/// </summary>
public static class Flags
{
    public static readonly IReadOnlySet<string> Offence = new HashSet<string>(StringComparer.Ordinal)
    {
        "domestic_abuse", "hate_crime", "sexual_offence", "homicide", "attempted_murder", "arson_endangering_life",
        "kidnap_false_imprisonment", "human_trafficking", "modern_slavery", "terrorism", "wounding_gbh_with_intent",
        "stalking_harassment", "fraud", "child_victim",
    };

    public static readonly IReadOnlySet<string> Vulnerability = new HashSet<string>(StringComparer.Ordinal)
    {
        "mental_disorder", "learning_disability", "physical_disability", "intimidated", "persistently_targeted",
        "repeat_victim", "elderly", "communication_needs",
    };

    public static readonly IReadOnlySet<string> ContactRestriction = new HashSet<string>(StringComparer.Ordinal)
    {
        "no_voicemail", "no_letters", "no_home_visits", "perpetrator_has_phone_access", "safe_times_only",
    };

    public static IReadOnlyList<string> Parse(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? [] : stored.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Format(IEnumerable<string> flags) =>
        string.Join(';', flags.Select(f => f.Trim().ToLowerInvariant()).Where(f => f.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>A flag code as people read it: "perpetrator_has_phone_access" becomes "Perpetrator has phone access".</summary>
    public static string Describe(string flag) => flag.Length == 0 ? flag : char.ToUpperInvariant(flag[0]) + flag[1..].Replace('_', ' ');
}
